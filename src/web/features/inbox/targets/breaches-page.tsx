import { Anchor, Badge, Card, Group, Select, Stack, Table, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type BreachKind, breachKindValues } from "../../../../shared/api/inbox-values.ts";
import type { ResponseOf } from "../../../backend/typed-client.ts";
import { api } from "../../../backend/typed-client.ts";
import { DateField } from "../../../components/date-fields.tsx";
import { useListFilters } from "../../../components/list-filters.ts";
import { ListPanel, ListTable } from "../../../components/list-panel.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { usePhoneLayout } from "../../../components/phone-layout.ts";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../../components/unit-filter.tsx";
import { formatDateTime } from "../../../i18n/format.ts";
import { InboxLinks } from "../roster/inbox-links.tsx";

const pageSize = 30;
type Breach = ResponseOf<"GET", "/api/inbox/breaches">["items"][number];

/** "Quá hạn": conversations that missed a target, with who has them and how far the alarm went. */
export default function BreachesPage() {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const { value, page, setFilters, setPage, clearFilters } = useListFilters();
  const unitId = value("unitId");
  const kind = value("kind") as BreachKind | "";
  const from = value("from");
  const unitFilter = useUnitFilter(unitId, (id) => setFilters({ unitId: id }));
  const list = useQuery({
    queryKey: ["inbox", "breaches", { unitId, kind, from, page }],
    queryFn: () =>
      api("GET", "/api/inbox/breaches", {
        query: {
          unitId: unitId || undefined,
          kind: kind || undefined,
          from: from || undefined,
          page,
          pageSize,
        },
      }),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(unitId || kind || from);
  const items = list.data?.items ?? [];

  let content: ReactNode;
  if (list.isPending) {
    content = <LoadingBlock />;
  } else if (list.isError) {
    content = <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />;
  } else if (items.length === 0) {
    content = (
      <EmptyBlock
        title={t(filtered ? "inbox.targets.breaches.emptyFiltered" : "inbox.targets.breaches.empty")}
      />
    );
  } else if (phone) {
    content = (
      <Stack gap="xs">
        {items.map((item) => (
          <BreachCard key={`${item.conversationId}-${item.kind}`} item={item} />
        ))}
      </Stack>
    );
  } else {
    content = <BreachTable items={items} />;
  }

  return (
    <>
      <InboxLinks />
      <PageHeader title={t("inbox.targets.breaches.title")} subtitle={t("inbox.targets.breaches.subtitle")} />
      <ListPanel
        filters={
          <>
            <UnitFilter label={t("inbox.targets.unit")} permission="inbox.read" filter={unitFilter} />
            <Select
              label={t("inbox.targets.breaches.kind")}
              placeholder={t("inbox.targets.breaches.anyKind")}
              clearable
              value={kind || null}
              data={breachKindValues.map((value) => ({ value, label: t(`inbox.targets.kinds.${value}`) }))}
              onChange={(next) => setFilters({ kind: next })}
            />
            <DateField
              label={t("inbox.targets.breaches.from")}
              description={t("inbox.targets.breaches.fromHint")}
              value={from}
              onChange={(day) => setFilters({ from: day || null })}
            />
          </>
        }
        filterColumns={3}
        activeFilters={[unitId, kind, from].filter(Boolean).length}
        filtered={filtered}
        onClearFilters={clearFilters}
        pagination={{
          page: list.data?.page ?? page,
          pageSize,
          total: list.data?.total ?? 0,
          onChange: setPage,
        }}
      >
        {content}
      </ListPanel>
    </>
  );
}

function useBreachWords() {
  const { t, i18n } = useTranslation();
  return {
    time: (iso: string) => formatDateTime(iso, i18n.language),
    stage: (stage: number) => t(`inbox.targets.breaches.stage.${Math.min(Math.max(stage, 0), 2)}`),
    assignee: (item: Breach) => item.assignee?.fullName ?? t("inbox.targets.breaches.noAssignee"),
    source: (item: Breach) => t(`inbox.targets.sources.${item.source}`),
  };
}

function KindBadge({ item }: { item: Breach }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge color={item.kind === "first_response" ? "orange" : "red"} variant="light" tt="none">
        {t(`inbox.targets.kinds.${item.kind}`)}
      </Badge>
      <Badge color={item.stillOpen ? "red" : "gray"} variant={item.stillOpen ? "filled" : "light"} tt="none">
        {t(item.stillOpen ? "inbox.targets.breaches.stillOpen" : "inbox.targets.breaches.handled")}
      </Badge>
    </Group>
  );
}

function BreachCard({ item }: { item: Breach }) {
  const { t } = useTranslation();
  const words = useBreachWords();
  return (
    <Card withBorder padding="sm" data-testid="breach">
      <Stack gap={4}>
        <KindBadge item={item} />
        <Anchor
          component={Link}
          to={`/inbox/c/${item.conversationId}`}
          fw={600}
          style={{ overflowWrap: "anywhere" }}
        >
          {item.contactName}
        </Anchor>
        <Text size="sm" c="dimmed">
          {[words.source(item), item.unitName, words.assignee(item)].join(" · ")}
        </Text>
        <Text size="xs">
          {t("inbox.targets.breaches.due")}: {words.time(item.dueAt)} ·{" "}
          {t("inbox.targets.breaches.breachedAt")}: {words.time(item.breachedAt)}
        </Text>
        <Text size="xs" c="dimmed">
          {words.stage(item.escalationStage)}
        </Text>
      </Stack>
    </Card>
  );
}

function BreachTable({ items }: { items: Breach[] }) {
  const { t } = useTranslation();
  const words = useBreachWords();
  return (
    <ListTable
      minWidth={880}
      head={
        <>
          <Table.Th>{t("inbox.targets.breaches.contact")}</Table.Th>
          <Table.Th>{t("inbox.targets.breaches.kind")}</Table.Th>
          <Table.Th>{t("inbox.targets.breaches.due")}</Table.Th>
          <Table.Th>{t("inbox.targets.breaches.breachedAt")}</Table.Th>
          <Table.Th>{t("inbox.targets.breaches.assignee")}</Table.Th>
          <Table.Th>{t("inbox.targets.breaches.escalation")}</Table.Th>
        </>
      }
    >
      {items.map((item) => (
        <Table.Tr key={`${item.conversationId}-${item.kind}`} data-testid="breach">
          <Table.Td>
            <Anchor component={Link} to={`/inbox/c/${item.conversationId}`} fw={600}>
              {item.contactName}
            </Anchor>
            <Text size="xs" c="dimmed">
              {words.source(item)} · {item.unitName}
            </Text>
          </Table.Td>
          <Table.Td>
            <KindBadge item={item} />
          </Table.Td>
          <Table.Td>{words.time(item.dueAt)}</Table.Td>
          <Table.Td>{words.time(item.breachedAt)}</Table.Td>
          <Table.Td>{words.assignee(item)}</Table.Td>
          <Table.Td>{words.stage(item.escalationStage)}</Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
