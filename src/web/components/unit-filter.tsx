import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../backend/typed-client.ts";
import type { Permission } from "../backend/types.ts";
import { type UnitChoice, UnitPicker } from "./unit-picker.tsx";

/**
 * The unit a list is narrowed to: the one chosen in the filter box, or the one named by ?unitId=
 * when arriving from a unit's page or a shared address (its name is fetched for the box).
 * `onUnitId` writes the choice to the address.
 */
export function useUnitFilter(unitId: string, onUnitId: (unitId: string | null) => void) {
  const [chosen, setChosen] = useState<UnitChoice | null>(null);
  // The units feature caches a unit's details under this key too, so a unit already seen is not fetched again.
  const linked = useQuery({
    queryKey: ["units", "detail", unitId],
    queryFn: () => api("GET", "/api/units/:id", { params: { id: unitId } }),
    enabled: Boolean(unitId) && chosen?.id !== unitId,
  });
  const unitChoice: UnitChoice | null =
    chosen?.id === unitId
      ? chosen
      : linked.data
        ? { id: linked.data.id, name: linked.data.name, path: linked.data.path }
        : null;
  return {
    unitChoice,
    choose: (choice: UnitChoice | null) => {
      setChosen(choice);
      onUnitId(choice?.id ?? null);
    },
  };
}

/** A list's unit filter, as `useUnitFilter` returns it. */
export type UnitFilterState = ReturnType<typeof useUnitFilter>;

/** The unit box of a list's filters; `permission` limits the offered units to where the person holds it. */
export function UnitFilter({
  label,
  permission,
  filter,
}: {
  label: string;
  permission?: Permission;
  filter: UnitFilterState;
}) {
  return (
    <UnitPicker
      label={label}
      value={filter.unitChoice}
      permission={permission}
      clearable
      onChange={filter.choose}
    />
  );
}
