import { ActionIcon, Anchor, Box, Button, Group, Text } from "@mantine/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { UnitSummary } from "../../backend/types.ts";
import { ChevronDownIcon, ChevronRightIcon } from "../../components/icons.tsx";
import { ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatNumber } from "../../i18n/format.ts";
import { KindBadge, UnitStatusBadge } from "./unit-badges.tsx";
import { childrenPageSize, fetchChildren, fetchUnit } from "./unit-queries.ts";

interface TreeState {
  includeEnded: boolean;
  expanded: ReadonlySet<string>;
  onToggle: (id: string) => void;
}

interface RowUnit {
  id: string;
  name: string;
  kind: string;
  status: string;
  childCount?: number;
  peopleCount?: number;
}

/** One line of the tree: expander, name (links to the detail page), kind, and counts. */
function UnitRow({
  unit,
  depth,
  state,
  expandable,
}: {
  unit: RowUnit;
  depth: number;
  state: TreeState;
  expandable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const expanded = state.expanded.has(unit.id);
  const counts = [
    unit.childCount
      ? t("units.childCount", { count: unit.childCount, n: formatNumber(unit.childCount, i18n.language) })
      : null,
    unit.peopleCount !== undefined
      ? t("units.peopleCount", { count: unit.peopleCount, n: formatNumber(unit.peopleCount, i18n.language) })
      : null,
  ].filter(Boolean);
  return (
    <Group
      wrap="nowrap"
      gap={4}
      py={6}
      pr="xs"
      pl={{ base: depth * 12, sm: depth * 22 }}
      style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}
    >
      {expandable ? (
        <ActionIcon
          variant="subtle"
          color="gray"
          size="md"
          onClick={() => state.onToggle(unit.id)}
          aria-expanded={expanded}
          aria-label={
            expanded ? t("units.collapse", { name: unit.name }) : t("units.expand", { name: unit.name })
          }
        >
          {expanded ? <ChevronDownIcon size={16} /> : <ChevronRightIcon size={16} />}
        </ActionIcon>
      ) : (
        <Box w={28} style={{ flexShrink: 0 }} />
      )}
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6} wrap="wrap" align="center">
          <Anchor
            component={Link}
            to={`/units/${unit.id}`}
            fw={500}
            c={unit.status === "active" ? undefined : "dimmed"}
            style={{ overflowWrap: "anywhere" }}
          >
            {unit.name}
          </Anchor>
          <KindBadge kind={unit.kind} />
          <UnitStatusBadge status={unit.status} />
        </Group>
        {counts.length > 0 && (
          <Text size="xs" c="dimmed">
            {counts.join(" · ")}
          </Text>
        )}
      </Box>
    </Group>
  );
}

/** The children of an expanded unit, fetched page by page when first opened. */
function UnitChildren({ parentId, depth, state }: { parentId: string; depth: number; state: TreeState }) {
  const { t, i18n } = useTranslation();
  const children = useInfiniteQuery({
    queryKey: ["units", "children", parentId, state.includeEnded],
    queryFn: ({ pageParam }) => fetchChildren(parentId, state.includeEnded, pageParam),
    initialPageParam: 1,
    getNextPageParam: (last, pages) =>
      pages.length * childrenPageSize < last.total ? pages.length + 1 : undefined,
  });
  if (children.isPending) {
    return (
      <Box pl={{ base: (depth + 1) * 12, sm: (depth + 1) * 22 }}>
        <LoadingBlock />
      </Box>
    );
  }
  if (children.isError) {
    return <ErrorBlock error={children.error} onRetry={() => void children.refetch()} />;
  }
  // The server lists in path order (ids); people look for a name, so sort what is loaded by name.
  const items = children.data.pages
    .flatMap((page) => page.items)
    .sort((a, b) => a.name.localeCompare(b.name, i18n.language === "en" ? "en" : "vi"));
  const total = children.data.pages[0]?.total ?? 0;
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" py={6} pl={{ base: (depth + 1) * 12 + 32, sm: (depth + 1) * 22 + 32 }}>
        {t("units.noChildren")}
      </Text>
    );
  }
  return (
    <>
      {items.map((unit) => (
        <UnitNode key={unit.id} unit={unit} depth={depth + 1} state={state} />
      ))}
      {children.hasNextPage && (
        <Box pl={{ base: (depth + 1) * 12 + 32, sm: (depth + 1) * 22 + 32 }} py={6}>
          <Button
            variant="subtle"
            size="xs"
            loading={children.isFetchingNextPage}
            onClick={() => void children.fetchNextPage()}
          >
            {t("units.loadMore", { n: formatNumber(total - items.length, i18n.language) })}
          </Button>
        </Box>
      )}
    </>
  );
}

function UnitNode({ unit, depth, state }: { unit: UnitSummary; depth: number; state: TreeState }) {
  return (
    <>
      <UnitRow unit={unit} depth={depth} state={state} expandable={unit.childCount > 0} />
      {state.expanded.has(unit.id) && unit.childCount > 0 && (
        <UnitChildren parentId={unit.id} depth={depth} state={state} />
      )}
    </>
  );
}

/** A top of the person's scope: its own details come from the detail endpoint. */
function RootNode({ id, state }: { id: string; state: TreeState }) {
  const unit = useQuery({ queryKey: ["units", "detail", id], queryFn: () => fetchUnit(id) });
  if (unit.isPending) {
    return <LoadingBlock />;
  }
  if (unit.isError) {
    return <ErrorBlock error={unit.error} onRetry={() => void unit.refetch()} />;
  }
  return (
    <>
      <UnitRow unit={unit.data} depth={0} state={state} expandable />
      {state.expanded.has(id) && <UnitChildren parentId={id} depth={0} state={state} />}
    </>
  );
}

/** The unit tree from the tops of the person's scope, opened level by level. */
export function UnitTree({ rootIds, ...state }: TreeState & { rootIds: string[] }) {
  return (
    <Box>
      {rootIds.map((id) => (
        <RootNode key={id} id={id} state={state} />
      ))}
    </Box>
  );
}
