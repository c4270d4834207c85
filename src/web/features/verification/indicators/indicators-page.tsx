import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { indicatorKindValues } from "../../../../shared/api/verification-values.ts";
import { withQuery } from "../../../backend/client.ts";
import { api } from "../../../backend/typed-client.ts";
import { FilterPanel } from "../../../components/filter-panel.tsx";
import { DownloadIcon, ExternalLinkIcon, SearchIcon } from "../../../components/icons.tsx";
import { useListFilters } from "../../../components/list-filters.ts";
import { PageHeader } from "../../../components/page-header.tsx";
import { PaginationBar } from "../../../components/pagination-bar.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../../components/unit-filter.tsx";
import { formatDateTime } from "../../../i18n/format.ts";

const pageSize = 30;
type Kind = (typeof indicatorKindValues)[number];

/** "Dấu hiệu lừa đảo": the indicators of the cases within the checker's units, and the public list's exports. */
export default function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  const { value, page, search, setSearch, debounced, setFilters, setPage } = useListFilters();
  const unitId = value("unitId");
  const kind = value("kind") as Kind | "";
  const unitFilter = useUnitFilter(unitId, (id) => setFilters({ unitId: id }));
  const list = useQuery({
    queryKey: ["verification", "indicators", "list", { q: debounced, unitId, kind, page }],
    queryFn: () =>
      api("GET", "/api/indicators", {
        query: {
          q: debounced || undefined,
          unitId: unitId || undefined,
          kind: kind || undefined,
          page,
          pageSize,
        },
      }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const filtered = Boolean(debounced || unitId || kind);

  let content: ReactNode;
  if (list.isPending) {
    content = <LoadingBlock />;
  } else if (list.isError) {
    content = <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />;
  } else if (list.data.total === 0) {
    content = (
      <EmptyBlock
        title={filtered ? t("verification.indicators.noResults") : t("verification.indicators.empty")}
      />
    );
  } else {
    content = (
      <Stack gap="xs" data-testid="indicator-list">
        {items.map((item) => (
          <Card key={item.id} withBorder padding="sm" data-testid="indicator-card">
            <Stack gap={4}>
              <Group gap={6}>
                <Badge variant="light" tt="none">
                  {t(`verification.indicators.kind.${item.kind}`)}
                </Badge>
                <Badge
                  color={item.public ? "red" : "gray"}
                  variant={item.public ? "filled" : "outline"}
                  tt="none"
                >
                  {item.public ? t("verification.indicators.public") : t("verification.indicators.notPublic")}
                </Badge>
              </Group>
              <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                {item.display}
              </Text>
              {item.value !== item.display && (
                <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                  {t("verification.indicators.stored", { value: item.value })}
                </Text>
              )}
              <Anchor
                component={Link}
                to={`/verification/cases/${item.caseId}`}
                size="sm"
                style={{ overflowWrap: "anywhere" }}
              >
                {t("verification.indicators.caseLink", { title: item.caseTitle })}
              </Anchor>
              <Text size="xs" c="dimmed">
                {item.unitName} ·{" "}
                {t("verification.indicators.addedAt", {
                  time: formatDateTime(item.createdAt, i18n.language),
                })}
                {item.caseLabel ? ` · ${t(`verification.indicators.labels.${item.caseLabel}`)}` : ""}
              </Text>
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t("verification.indicators.title")}
        subtitle={t("verification.indicators.subtitle")}
      />
      <Stack gap="md">
        <FilterPanel active={[debounced, unitId, kind].filter(Boolean).length}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t("verification.indicators.search")}
              leftSection={<SearchIcon size={16} />}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              data-testid="indicator-search"
            />
            <Select
              label={t("verification.indicators.kindLabel")}
              placeholder={t("verification.indicators.allKinds")}
              data={indicatorKindValues.map((k) => ({
                value: k,
                label: t(`verification.indicators.kind.${k}`),
              }))}
              value={kind || null}
              onChange={(next) => setFilters({ kind: next })}
              clearable
            />
            <UnitFilter
              label={t("verification.indicators.unit")}
              permission="cases.read"
              filter={unitFilter}
            />
          </SimpleGrid>
        </FilterPanel>
        {content}
        {list.data && (list.data.total > pageSize || page > 1) && (
          <PaginationBar page={page} pageSize={pageSize} total={list.data.total} onChange={setPage} />
        )}
        <Paper withBorder p={{ base: "xs", sm: "md" }}>
          <Group gap="xs" mb="md">
            <Button
              component="a"
              href={withQuery("/api/indicators.csv", {
                q: debounced || undefined,
                unitId: unitId || undefined,
                kind: kind || undefined,
              })}
              download
              variant="default"
              size="sm"
              leftSection={<DownloadIcon size={16} />}
              data-testid="indicators-staff-csv"
            >
              {t("verification.indicators.exportStaff")}
            </Button>
          </Group>
          <Title order={2} size="h5" mb="xs">
            {t("verification.indicators.exportTitle")}
          </Title>
          <Group gap="xs">
            <Button
              component="a"
              href="/api/public/indicators.csv"
              download
              variant="default"
              size="sm"
              leftSection={<DownloadIcon size={16} />}
            >
              {t("verification.indicators.exportCsv")}
            </Button>
            <Button
              component="a"
              href="/api/public/indicators.json"
              download
              variant="default"
              size="sm"
              leftSection={<DownloadIcon size={16} />}
            >
              {t("verification.indicators.exportJson")}
            </Button>
            <Button
              component="a"
              href="/tra-cuu-lua-dao"
              target="_blank"
              variant="subtle"
              size="sm"
              rightSection={<ExternalLinkIcon size={14} />}
            >
              {t("verification.indicators.publicPage")}
            </Button>
          </Group>
        </Paper>
      </Stack>
    </>
  );
}
