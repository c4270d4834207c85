import { Paper, SimpleGrid, Stack, Table, TextInput } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ClearFiltersButton, FilterPanel } from "./filter-panel.tsx";
import { SearchIcon } from "./icons.tsx";
import { PaginationBar, pastLastPage } from "./pagination-bar.tsx";

/**
 * The framed body of a list page: search and filters above the list (folded on phones), a way back
 * to the whole list while anything filters it, and the page links below once there are results.
 * A page past the end shows the bar's way back instead of the page's own empty state, which would
 * claim an empty list.
 */
export function ListPanel(props: {
  search?: { value: string; onChange: (text: string) => void; placeholder: string };
  /** The filter fields, laid out in `filterColumns` columns on wide screens and one on phones. */
  filters: ReactNode;
  filterColumns: number;
  /** How many filters besides the search are set, for the folded button's count. */
  activeFilters: number;
  /** Whether the search or a filter is set, which offers `onClearFilters`. */
  filtered: boolean;
  onClearFilters: () => void;
  pagination: { page: number; pageSize: number; total: number; onChange: (page: number) => void };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { search, pagination } = props;
  return (
    <Paper withBorder p={{ base: "xs", sm: "md" }}>
      <Stack gap="sm" mb="md">
        {search && (
          <TextInput
            leftSection={<SearchIcon size={16} />}
            placeholder={search.placeholder}
            aria-label={t("common.search")}
            value={search.value}
            onChange={(event) => search.onChange(event.currentTarget.value)}
          />
        )}
        <FilterPanel active={props.activeFilters}>
          <SimpleGrid cols={{ base: 1, sm: props.filterColumns }} spacing="sm">
            {props.filters}
          </SimpleGrid>
        </FilterPanel>
        {props.filtered && <ClearFiltersButton onClear={props.onClearFilters} />}
      </Stack>
      {!pastLastPage(pagination) && props.children}
      {pagination.total > 0 && <PaginationBar {...pagination} />}
    </Paper>
  );
}

/** A list's wide-screen table: scrolls sideways below `minWidth`, and long cells wrap instead of widening it. */
export function ListTable({
  minWidth,
  head,
  children,
}: {
  minWidth: number;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover verticalSpacing="xs" style={{ whiteSpace: "normal" }}>
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
