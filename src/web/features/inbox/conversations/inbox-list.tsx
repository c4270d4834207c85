import {
  Badge,
  Box,
  Button,
  Card,
  Chip,
  Collapse,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useDisclosure, useInterval } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  type ConversationStatus,
  conversationStatusValues,
  type InboxSource,
  inboxSourceValues,
} from "../../../../shared/api/inbox-values.ts";
import { api } from "../../../backend/typed-client.ts";
import { ChevronDownIcon, ChevronRightIcon, SearchIcon } from "../../../components/icons.tsx";
import { useListFilters } from "../../../components/list-filters.ts";
import { PaginationBar } from "../../../components/pagination-bar.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../../components/unit-filter.tsx";
import { formatNumber } from "../../../i18n/format.ts";
import { ConversationStatusBadge, DueBadges, KindBadge, SourceBadge, useTimeAgo } from "./inbox-labels.tsx";
import { type ConversationListRow, inboxListKey } from "./inbox-live.ts";

const pageSize = 25;
const tabs = ["active", "mine", "unassigned", "breached"] as const;
type Tab = (typeof tabs)[number];

/**
 * The conversations a person may see, most recent first: a tab for the usual questions (mine,
 * nobody's, overdue) with their counts, a search that ignores diacritics, and folded filters.
 * The filters live in the address, so opening a conversation keeps the same list beside it.
 */
export function InboxList({ selectedId }: { selectedId?: string }) {
  const { t, i18n } = useTranslation();
  const filters = useListFilters();
  const tab = (tabs as readonly string[]).includes(filters.value("tab"))
    ? (filters.value("tab") as Tab)
    : "active";
  const status = filters.value("status");
  const source = filters.value("source");
  const label = filters.value("label");
  const unitId = filters.value("unitId");
  const q = filters.value("q");
  const unitFilter = useUnitFilter(unitId, (id) => filters.setFilters({ unitId: id }));
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);
  const [labelText, setLabelText] = useState(label);
  useEffect(() => setLabelText(label), [label]);
  const list = useQuery({
    queryKey: [...inboxListKey, { tab, status, source, label, unitId, q, page: filters.page }],
    queryFn: () =>
      api("GET", "/api/inbox/conversations", {
        query: {
          q: q || undefined,
          status: (status || (tab === "breached" ? "all" : "active")) as
            | ConversationStatus
            | "active"
            | "all",
          assignee: tab === "mine" ? "mine" : tab === "unassigned" ? "unassigned" : undefined,
          due: tab === "breached" ? "breached" : undefined,
          source: (source || undefined) as InboxSource | undefined,
          label: label || undefined,
          unitId: unitId || undefined,
          page: filters.page,
          pageSize,
        },
      }),
    placeholderData: keepPreviousData,
  });
  // "5 phút trước" stays true while the list sits open on the evening shift.
  const [now, setNow] = useState(Date.now());
  useInterval(() => setNow(Date.now()), 30_000, { autoInvoke: true });
  const counts = list.data?.counts;
  const countOf: Record<Tab, number | undefined> = {
    active: counts?.active,
    mine: counts?.mine,
    unassigned: counts?.unassigned,
    breached: counts?.breached,
  };
  const activeFilters = [status, source, label, unitId].filter(Boolean).length;
  const linkSearch = filters.params.toString();

  return (
    <Stack gap="sm">
      <Chip.Group
        value={tab}
        onChange={(value) => filters.setFilters({ tab: value === "active" ? null : (value as string) })}
      >
        <Group gap={6} data-testid="inbox-tabs">
          {tabs.map((value) => (
            <Chip key={value} value={value} size="sm" color={value === "breached" ? "red" : undefined}>
              {t(`inbox.conversations.tabs.${value}`)}
              {countOf[value] !== undefined && ` · ${formatNumber(countOf[value], i18n.language)}`}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <TextInput
        leftSection={<SearchIcon size={16} />}
        placeholder={t("inbox.conversations.searchPlaceholder")}
        aria-label={t("inbox.conversations.search")}
        value={filters.search}
        onChange={(event) => filters.setSearch(event.currentTarget.value)}
      />
      <Group gap="xs">
        <Button
          variant="light"
          size="xs"
          onClick={toggleFilters}
          aria-expanded={filtersOpen}
          rightSection={filtersOpen ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
        >
          {activeFilters > 0 ? t("common.filtersActive", { n: activeFilters }) : t("common.filters")}
        </Button>
        {(activeFilters > 0 || q) && (
          <Button variant="subtle" size="xs" onClick={filters.clearFilters}>
            {t("common.clearFilters")}
          </Button>
        )}
      </Group>
      <Collapse expanded={filtersOpen}>
        <Stack gap="xs">
          <Select
            label={t("inbox.conversations.filters.status")}
            value={status || null}
            placeholder={t("inbox.conversations.filters.activeStatus")}
            clearable
            data={[
              ...conversationStatusValues.map((value) => ({
                value,
                label: t(`inbox.conversations.status.${value}`),
              })),
              { value: "all", label: t("inbox.conversations.filters.allStatus") },
            ]}
            onChange={(value) => filters.setFilters({ status: value })}
          />
          <Select
            label={t("inbox.conversations.filters.source")}
            value={source || null}
            placeholder={t("inbox.conversations.filters.anySource")}
            clearable
            data={inboxSourceValues.map((value) => ({
              value,
              label: t(`inbox.conversations.source.${value}`),
            }))}
            onChange={(value) => filters.setFilters({ source: value })}
          />
          <TextInput
            label={t("inbox.conversations.filters.label")}
            placeholder={t("inbox.conversations.filters.labelPlaceholder")}
            value={labelText}
            maxLength={40}
            onChange={(event) => setLabelText(event.currentTarget.value)}
            onBlur={() => filters.setFilters({ label: labelText.trim() || null })}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                filters.setFilters({ label: labelText.trim() || null });
              }
            }}
          />
          <UnitFilter
            label={t("inbox.conversations.filters.unit")}
            permission="inbox.read"
            filter={unitFilter}
          />
        </Stack>
      </Collapse>
      {list.isPending && <LoadingBlock />}
      {list.error && (
        <ErrorBlock
          title={t("inbox.conversations.loadFailed")}
          error={list.error}
          onRetry={() => list.refetch()}
        />
      )}
      {list.data && !list.error && list.data.total === 0 && (
        <EmptyBlock
          title={t(
            q || activeFilters > 0 ? "inbox.conversations.noResults" : `inbox.conversations.empty.${tab}`,
          )}
        >
          <Text size="sm" c="dimmed">
            {t("inbox.conversations.emptyHint")}
          </Text>
        </EmptyBlock>
      )}
      <Stack gap={6} data-testid="conversation-list">
        {list.data?.items.map((item) => (
          <ConversationRow
            key={item.id}
            item={item}
            selected={item.id === selectedId}
            to={`/inbox/c/${item.id}${linkSearch ? `?${linkSearch}` : ""}`}
            now={now}
          />
        ))}
      </Stack>
      {list.data && list.data.total > 0 && (
        <PaginationBar
          page={list.data.page}
          pageSize={pageSize}
          total={list.data.total}
          onChange={filters.setPage}
        />
      )}
      {list.data?.totalCapped && (
        <Text size="xs" c="dimmed" data-testid="total-capped">
          {t("inbox.conversations.totalCapped", { n: formatNumber(list.data.total, i18n.language) })}
        </Text>
      )}
    </Stack>
  );
}

/** One conversation in the list: who, through which channel, what they last said, and how urgent. */
function ConversationRow({
  item,
  selected,
  to,
  now,
}: {
  item: ConversationListRow;
  selected: boolean;
  to: string;
  now: number;
}) {
  const { t } = useTranslation();
  const timeAgo = useTimeAgo();
  return (
    <Card
      component={Link}
      to={to}
      withBorder
      padding="xs"
      data-testid="conversation-row"
      aria-current={selected ? "page" : undefined}
      style={{
        borderColor: selected ? "var(--mantine-color-blue-6)" : undefined,
        borderWidth: selected ? 2 : undefined,
        background: item.breached ? "var(--mantine-color-red-0)" : undefined,
      }}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <Text fw={600} style={{ overflowWrap: "anywhere", minWidth: 0 }}>
            {item.contactName}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
            {timeAgo(item.lastMessageAt, now)}
          </Text>
        </Group>
        <Group gap={4} wrap="wrap">
          <SourceBadge source={item.source} />
          <KindBadge kind={item.kind} />
          <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere", minWidth: 0 }}>
            {item.channelName}
          </Text>
        </Group>
        <Text size="sm" lineClamp={2} style={{ overflowWrap: "anywhere" }} data-testid="conversation-preview">
          {item.lastMessagePreview}
        </Text>
        <Group gap={4} wrap="wrap">
          {item.status !== "open" && (
            <ConversationStatusBadge status={item.status} pendingReason={item.pendingReason} />
          )}
          <DueBadges
            dueAt={item.dueAt}
            warned={item.warned}
            breached={item.breached}
            escalated={item.escalated}
          />
          {item.labels.map((name) => (
            <Badge key={name} variant="dot" color="gray" tt="none">
              {name}
            </Badge>
          ))}
        </Group>
        <Box>
          <Text size="xs" c="dimmed">
            {[item.assignee?.fullName ?? t("inbox.conversations.noAssignee"), item.unitName].join(" · ")}
          </Text>
        </Box>
      </Stack>
    </Card>
  );
}
