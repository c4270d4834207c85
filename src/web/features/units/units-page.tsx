import { Anchor, Box, Button, Group, Paper, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { unitIdFromPathLabel, useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import { CalendarIcon, SearchIcon } from "../../components/icons.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { PaginationBar } from "../../components/pagination-bar.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatNumber } from "../../i18n/format.ts";
import { TreeAsOfDialog } from "./tree-as-of-dialog.tsx";
import { KindBadge, UnitStatusBadge } from "./unit-badges.tsx";
import { UnitTree } from "./unit-tree.tsx";

const expandedStorageKey = "caunoi.units.expanded";
const searchPageSize = 50;

function loadExpanded(roots: string[]): Set<string> {
  try {
    const saved = sessionStorage.getItem(expandedStorageKey);
    if (saved) {
      return new Set(JSON.parse(saved) as string[]);
    }
  } catch {
    // Unreadable saved state: start from the tops opened.
  }
  return new Set(roots);
}

/** Search results: a flat list, each unit with its kind and counts. */
function UnitSearchResults({ q, includeEnded }: { q: string; includeEnded: boolean }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const results = useQuery({
    queryKey: ["units", "search", q, includeEnded, page],
    queryFn: () =>
      api("GET", "/api/units", {
        query: { q, includeEnded: includeEnded ? "true" : undefined, page, pageSize: searchPageSize },
      }),
    placeholderData: keepPreviousData,
  });
  if (results.isPending) {
    return <LoadingBlock />;
  }
  if (results.isError) {
    return <ErrorBlock error={results.error} onRetry={() => void results.refetch()} />;
  }
  if (results.data.total === 0) {
    return <EmptyBlock title={t("units.noResults", { q })} />;
  }
  return (
    <>
      <Stack gap={0}>
        {results.data.items.map((unit) => (
          <Box key={unit.id} py={8} px="xs" style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
            <Group gap={6} wrap="wrap">
              <Anchor component={Link} to={`/units/${unit.id}`} fw={500} style={{ overflowWrap: "anywhere" }}>
                {unit.name}
              </Anchor>
              <KindBadge kind={unit.kind} />
              <UnitStatusBadge status={unit.status} />
            </Group>
            <Text size="xs" c="dimmed">
              {unit.code} ·{" "}
              {t("units.childCount", {
                count: unit.childCount,
                n: formatNumber(unit.childCount, i18n.language),
              })}{" "}
              ·{" "}
              {t("units.peopleCount", {
                count: unit.peopleCount,
                n: formatNumber(unit.peopleCount, i18n.language),
              })}
            </Text>
          </Box>
        ))}
      </Stack>
      <PaginationBar page={page} pageSize={searchPageSize} total={results.data.total} onChange={setPage} />
    </>
  );
}

/** The unit tree within the person's scope, with diacritics-insensitive search and a past-date view. */
export default function UnitsPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const includeEnded = params.get("ended") === "1";
  const [asOfOpen, setAsOfOpen] = useState(false);
  // Two roles on the same unit give the same path twice; the tree shows each top once.
  const rootIds = [
    ...new Set(
      (session.abilities["units.read"] ?? []).map((path) =>
        unitIdFromPathLabel(path.split(".").at(-1) ?? path),
      ),
    ),
  ];
  const [expanded, setExpanded] = useState(() => loadExpanded(rootIds));

  const toggle = (id: string) => {
    setExpanded((previous) => {
      const next = new Set(previous);
      if (next.has(id)) {
        next.delete(id);
      } else {
        next.add(id);
      }
      try {
        sessionStorage.setItem(expandedStorageKey, JSON.stringify([...next]));
      } catch {
        // Not remembering which branches were open is harmless.
      }
      return next;
    });
  };

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t("units.title")}
        subtitle={t("units.subtitle")}
        actions={
          <Button
            variant="default"
            leftSection={<CalendarIcon size={16} />}
            onClick={() => setAsOfOpen(true)}
          >
            {t("units.treeAtDate")}
          </Button>
        }
      />
      <Paper withBorder p={{ base: "xs", sm: "md" }}>
        <Stack gap="sm" mb="sm">
          <TextInput
            leftSection={<SearchIcon size={16} />}
            placeholder={t("units.searchPlaceholder")}
            aria-label={t("common.search")}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              setParam("q", event.currentTarget.value.trim() || null);
            }}
          />
          <Switch
            label={t("units.includeEnded")}
            checked={includeEnded}
            onChange={(event) => setParam("ended", event.currentTarget.checked ? "1" : null)}
          />
        </Stack>
        {debounced ? (
          <UnitSearchResults key={`${debounced}-${includeEnded}`} q={debounced} includeEnded={includeEnded} />
        ) : rootIds.length === 0 ? (
          <EmptyBlock title={t("units.empty")} />
        ) : (
          <UnitTree rootIds={rootIds} includeEnded={includeEnded} expanded={expanded} onToggle={toggle} />
        )}
      </Paper>
      <TreeAsOfDialog opened={asOfOpen} onClose={() => setAsOfOpen(false)} />
    </>
  );
}
