import { Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  type CaseCategory,
  type CaseStatus,
  caseCategoryValues,
  caseStatusValues,
} from "../../../../shared/api/verification-values.ts";
import { api } from "../../../backend/typed-client.ts";
import { useListFilters } from "../../../components/list-filters.ts";
import { PageHeader } from "../../../components/page-header.tsx";
import { PaginationBar } from "../../../components/pagination-bar.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../../components/unit-filter.tsx";
import { formatDateTime } from "../../../i18n/format.ts";
import { StatusBadge, UrgencyBadge, useAgeText } from "./case-labels.tsx";

const pageSize = 30;

/** The desk's queue: the cases of my units, most urgent, most asked-about and oldest first. */
export default function CaseQueuePage() {
  const { t, i18n } = useTranslation();
  const filters = useListFilters();
  const status = filters.value("status") || "open";
  const category = filters.value("category");
  const assignee = filters.value("assignee");
  const unitId = filters.value("unitId");
  const unitFilter = useUnitFilter(unitId, (id) => filters.setFilters({ unitId: id }));
  const ageText = useAgeText();
  const queue = useQuery({
    queryKey: ["verification", "queue", status, category, assignee, unitId, filters.page],
    queryFn: () =>
      api("GET", "/api/cases", {
        query: {
          status: status as CaseStatus | "open" | "all",
          category: (category || undefined) as CaseCategory | "none" | undefined,
          assignee: assignee || undefined,
          unitId: unitId || undefined,
          page: filters.page,
          pageSize,
        },
      }),
    placeholderData: keepPreviousData,
  });
  const counts = queue.data?.counts;

  return (
    <>
      <PageHeader
        title={t("verification.cases.title")}
        subtitle={t("verification.cases.subtitle")}
        actions={
          <Button component={Link} to="/verification/checklists" variant="default">
            {t("verification.cases.checklistsLink")}
          </Button>
        }
      />
      <SimpleGrid cols={{ base: 2, sm: 4 }} mb="sm">
        <Select
          label={t("verification.cases.filters.status")}
          value={status}
          allowDeselect={false}
          data={[
            { value: "open", label: t("verification.cases.filters.open") },
            { value: "all", label: t("verification.cases.filters.all") },
            ...caseStatusValues.map((value) => ({ value, label: t(`verification.cases.status.${value}`) })),
          ]}
          onChange={(value) => filters.setFilters({ status: value === "open" ? null : value })}
        />
        <Select
          label={t("verification.cases.filters.category")}
          value={category || null}
          placeholder={t("verification.cases.filters.anyCategory")}
          clearable
          data={[
            ...caseCategoryValues.map((value) => ({
              value,
              label: t(`verification.cases.category.${value}`),
            })),
            { value: "none", label: t("verification.cases.filters.noCategory") },
          ]}
          onChange={(value) => filters.setFilters({ category: value })}
        />
        <Select
          label={t("verification.cases.filters.assignee")}
          value={assignee || null}
          placeholder={t("verification.cases.filters.anyone")}
          clearable
          data={[
            { value: "mine", label: t("verification.cases.filters.mine") },
            { value: "unassigned", label: t("verification.cases.filters.unassigned") },
          ]}
          onChange={(value) => filters.setFilters({ assignee: value })}
        />
        <UnitFilter
          label={t("verification.cases.filters.unit")}
          permission="cases.read"
          filter={unitFilter}
        />
      </SimpleGrid>
      {counts && (
        <Group gap="xs" mb="md" data-testid="queue-counts">
          <Badge variant="light" tt="none">
            {t("verification.cases.counts.open", { count: counts.open })}
          </Badge>
          <Badge variant="light" color="teal" tt="none">
            {t("verification.cases.counts.mine", { count: counts.mine })}
          </Badge>
          <Badge variant="light" color="gray" tt="none">
            {t("verification.cases.counts.unassigned", { count: counts.unassigned })}
          </Badge>
          {counts.overdue > 0 && (
            <Badge variant="filled" color="red" tt="none">
              {t("verification.cases.counts.overdue", { count: counts.overdue })}
            </Badge>
          )}
        </Group>
      )}
      {queue.isPending && <LoadingBlock />}
      {queue.error && <ErrorBlock error={queue.error} onRetry={() => queue.refetch()} />}
      {queue.data && queue.data.total === 0 && (
        <EmptyBlock title={t("verification.cases.empty")}>
          <Text size="sm" c="dimmed">
            {t("verification.cases.emptyHint")}
          </Text>
        </EmptyBlock>
      )}
      <Stack gap="sm">
        {queue.data?.items.map((item) => (
          <Card key={item.id} withBorder padding="sm" data-testid="case-card">
            <Stack gap={6}>
              <Group gap={6}>
                <UrgencyBadge urgency={item.urgency} />
                <StatusBadge status={item.status} />
                {item.category && (
                  <Badge variant="default" tt="none">
                    {t(`verification.cases.category.${item.category}`)}
                  </Badge>
                )}
                {item.overdue && (
                  <Badge color="red" tt="none">
                    {t("verification.cases.overdue")}
                  </Badge>
                )}
              </Group>
              <Anchor
                component={Link}
                to={`/verification/cases/${item.id}`}
                fw={600}
                style={{ overflowWrap: "anywhere" }}
              >
                {item.title}
              </Anchor>
              <Text size="sm" c="dimmed">
                {[
                  t("verification.cases.demand", { count: item.demand }),
                  ageText(item.ageHours),
                  item.assignee?.fullName ?? t("verification.cases.noAssignee"),
                  item.unitName,
                ].join(" · ")}
              </Text>
              {(item.dueAt || item.withContact > 0) && (
                <Text size="xs" c={item.overdue ? "red" : "dimmed"}>
                  {[
                    item.dueAt &&
                      t("verification.cases.due", { time: formatDateTime(item.dueAt, i18n.language) }),
                    item.withContact > 0 && t("verification.cases.withContact", { count: item.withContact }),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </Text>
              )}
            </Stack>
          </Card>
        ))}
      </Stack>
      {queue.data && (
        <PaginationBar
          page={queue.data.page}
          pageSize={pageSize}
          total={queue.data.total}
          onChange={filters.setPage}
        />
      )}
    </>
  );
}
