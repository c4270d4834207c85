import { Select, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../backend/typed-client.ts";
import type { Person } from "../backend/types.ts";

/** What a filter needs to remember about a chosen person. */
export interface PersonChoice {
  id: string;
  fullName: string;
}

/** A searchable person chooser; it asks the server only once something is typed (lists are audited). */
export function PersonPicker(props: {
  label: string;
  value: PersonChoice | null;
  onChange: (person: PersonChoice | null) => void;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 350);
  const query = props.value && debounced === props.value.fullName ? "" : debounced;
  const people = useQuery({
    queryKey: ["people", "picker", query],
    queryFn: () => api("GET", "/api/people", { query: { q: query, pageSize: 20 } }),
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
  });
  const options = useMemo(() => {
    const byId = new Map<string, Person | PersonChoice>(
      (people.data?.items ?? []).map((person) => [person.id, person]),
    );
    if (props.value && !byId.has(props.value.id)) {
      byId.set(props.value.id, props.value);
    }
    return byId;
  }, [people.data, props.value]);

  return (
    <Select
      label={props.label}
      placeholder={props.placeholder}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={query.length >= 2 ? t("people.noResults") : undefined}
      data={[...options.values()].map((person) => ({ value: person.id, label: person.fullName }))}
      value={props.value?.id ?? null}
      onChange={(id) => {
        const person = id ? options.get(id) : undefined;
        props.onChange(person ? { id: person.id, fullName: person.fullName } : null);
      }}
      renderOption={({ option }) => {
        const person = options.get(option.value);
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            {person && "email" in person && (
              <Text size="xs" c="dimmed">
                {[person.email, person.unitName].filter(Boolean).join(" · ")}
              </Text>
            )}
          </Stack>
        );
      }}
    />
  );
}
