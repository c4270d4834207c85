import { Select, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { can, useSignedInSession } from "../backend/session.ts";
import { api } from "../backend/typed-client.ts";
import type { Permission, UnitSummary } from "../backend/types.ts";

/** What a form needs to remember about a chosen unit. */
export interface UnitChoice {
  id: string;
  name: string;
  path: string;
}

/**
 * A searchable unit chooser backed by the server's diacritics-insensitive search. With
 * `permission`, it offers only units where the signed-in person holds that permission.
 */
export function UnitPicker(props: {
  label: string;
  value: UnitChoice | null;
  onChange: (unit: UnitChoice | null) => void;
  permission?: Permission;
  excludeId?: string;
  /** Leave out this unit's whole subtree (a unit cannot move or merge into its own sub-units). */
  excludeSubtreeOf?: string;
  description?: string;
  error?: string;
  required?: boolean;
  clearable?: boolean;
  placeholder?: string;
  "data-testid"?: string;
}) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  // Once a unit is chosen the box shows its name; searching for exactly that would hide the rest.
  const query = props.value && debounced === props.value.name ? "" : debounced;
  const units = useQuery({
    queryKey: ["units", "picker", query],
    queryFn: () => api("GET", "/api/units", { query: { q: query || undefined, pageSize: 40 } }),
    placeholderData: keepPreviousData,
  });

  const options = useMemo(() => {
    const found = (units.data?.items ?? []).filter(
      (unit) =>
        (!props.permission || can(session, props.permission, unit.path)) &&
        unit.id !== props.excludeId &&
        !(props.excludeSubtreeOf && unit.path.startsWith(`${props.excludeSubtreeOf}.`)) &&
        unit.path !== props.excludeSubtreeOf,
    );
    const byId = new Map<string, UnitSummary | UnitChoice>(found.map((unit) => [unit.id, unit]));
    if (props.value && !byId.has(props.value.id)) {
      byId.set(props.value.id, props.value);
    }
    return byId;
  }, [units.data, props.permission, props.excludeId, props.excludeSubtreeOf, props.value, session]);

  return (
    <Select
      data-testid={props["data-testid"]}
      label={props.label}
      description={props.description}
      error={props.error}
      required={props.required}
      clearable={props.clearable}
      placeholder={props.placeholder ?? t("units.picker.placeholder")}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={units.isFetching ? t("common.loading") : t("units.picker.nothing")}
      data={[...options.values()].map((unit) => ({ value: unit.id, label: unit.name }))}
      value={props.value?.id ?? null}
      onChange={(id) => {
        const unit = id ? options.get(id) : undefined;
        props.onChange(unit ? { id: unit.id, name: unit.name, path: unit.path } : null);
      }}
      renderOption={({ option }) => {
        const unit = options.get(option.value);
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            {unit && "kind" in unit && (
              <Text size="xs" c="dimmed">
                {t(`units.kind.${unit.kind}`)} · {unit.code}
              </Text>
            )}
          </Stack>
        );
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
