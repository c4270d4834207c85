import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiGet } from "../../backend/client.ts";
import type { Page, UnitDetail, UnitSummary } from "../../backend/types.ts";
import type { UnitChoice } from "../../components/unit-picker.tsx";

/** One page of a unit's direct children (the server caps pages at 200). */
export function fetchChildren(
  parentId: string,
  includeEnded: boolean,
  page: number,
): Promise<Page<UnitSummary>> {
  return apiGet<Page<UnitSummary>>("/api/units", {
    parentId,
    includeEnded: includeEnded ? "true" : undefined,
    page,
    pageSize: 200,
  });
}

/** A unit with its history. */
export function fetchUnit(id: string): Promise<UnitDetail> {
  return apiGet<UnitDetail>(`/api/units/${id}`);
}

export const childrenPageSize = 200;

/** After any change to the tree, every cached list and detail of units may be stale. */
export function useInvalidateUnits(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["units"] });
}

/**
 * The unit a list is narrowed to: the one chosen in the filter box, or the one named by ?unitId=
 * when arriving from a unit's page (its name is fetched for the box).
 */
export function useFilterUnit(unitId: string): {
  unitChoice: UnitChoice | null;
  setUnit: (unit: UnitChoice | null) => void;
} {
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const linked = useQuery({
    queryKey: ["units", "detail", unitId],
    queryFn: () => fetchUnit(unitId),
    enabled: Boolean(unitId) && unit?.id !== unitId,
  });
  const unitChoice =
    unit?.id === unitId
      ? unit
      : linked.data
        ? { id: linked.data.id, name: linked.data.name, path: linked.data.path }
        : null;
  return { unitChoice, setUnit };
}
