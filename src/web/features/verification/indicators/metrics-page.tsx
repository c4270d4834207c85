import { Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../backend/typed-client.ts";
import { DateField } from "../../../components/date-fields.tsx";
import { useListFilters } from "../../../components/list-filters.ts";
import { PageHeader } from "../../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../../components/unit-filter.tsx";
import { formatNumber } from "../../../i18n/format.ts";
import type { BarSeries } from "./bar-chart.tsx";
import { formatDuration } from "./duration.ts";

// ECharts comes with the charts only, after the figures are on screen.
const CategoryBarChart = lazy(() => import("./bar-chart.tsx"));

const stepColors = { firstAction: "#1c7ed6", verdict: "#f08c00", publication: "#2f9e44" };
const steps = ["firstAction", "verdict", "publication"] as const;

/** "Số liệu xác minh tin": how fast the desk answers (true medians) and what it decided, over a period. */
export default function VerificationMetricsPage() {
  const { t, i18n } = useTranslation();
  const { value, setFilters } = useListFilters();
  const from = value("from");
  const to = value("to");
  const unitId = value("unitId");
  const unitFilter = useUnitFilter(unitId, (id) => setFilters({ unitId: id }));
  const badRange = Boolean(from && to && from > to);
  const metrics = useQuery({
    queryKey: ["verification", "metrics", { from, to, unitId }],
    queryFn: () =>
      api("GET", "/api/verification/metrics", {
        query: { from: from || undefined, to: to || undefined, unitId: unitId || undefined },
      }),
    enabled: !badRange,
    placeholderData: keepPreviousData,
  });
  const data = metrics.data;
  const n = (count: number) => formatNumber(count, i18n.language);
  const duration = useCallback(
    (seconds: number | null) =>
      seconds === null
        ? t("verification.indicators.metrics.none")
        : formatDuration(seconds, (key, values) => t(`verification.indicators.duration.${key}`, values)),
    [t],
  );
  const hours = useCallback(
    (value: number) =>
      `${formatNumber(value, i18n.language, 1)} ${t("verification.indicators.metrics.hours")}`,
    [t, i18n.language],
  );
  const categoryName = useCallback(
    (category: string | null) =>
      category
        ? t(`verification.indicators.categories.${category}`)
        : t("verification.indicators.metrics.noCategory"),
    [t],
  );
  const chart = useMemo(() => {
    const rows = data?.byCategory ?? [];
    const series: BarSeries[] = steps.map((step) => ({
      name: t(`verification.indicators.metrics.${step}`),
      color: stepColors[step],
      values: rows.map((row) => (row[step] === null ? null : Math.round((row[step] / 3600) * 10) / 10)),
    }));
    return { categories: rows.map((row) => categoryName(row.category)), series };
  }, [data, t, categoryName]);
  const labelChart = useMemo(() => {
    const rows = data?.byLabel ?? [];
    return {
      categories: rows.map((row) =>
        row.label
          ? t(`verification.indicators.labels.${row.label}`)
          : t("verification.indicators.metrics.noLabel"),
      ),
      series: [
        {
          name: t("verification.indicators.metrics.count"),
          color: "#b71c1c",
          values: rows.map((row) => row.cases),
        },
      ],
    };
  }, [data, t]);
  const count = useCallback((value: number) => formatNumber(value, i18n.language), [i18n.language]);

  return (
    <>
      <PageHeader
        title={t("verification.indicators.metrics.title")}
        subtitle={t("verification.indicators.metrics.subtitle")}
      />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" maw={720}>
          <DateField
            label={t("verification.indicators.metrics.from")}
            value={from || data?.from || ""}
            max={to || undefined}
            onChange={(day) => setFilters({ from: day || null })}
            data-testid="metrics-from"
          />
          <DateField
            label={t("verification.indicators.metrics.to")}
            value={to || data?.to || ""}
            min={from || undefined}
            onChange={(day) => setFilters({ to: day || null })}
            error={badRange ? t("verification.indicators.metrics.badRange") : undefined}
            data-testid="metrics-to"
          />
          <div style={{ gridColumn: "1 / -1" }}>
            <UnitFilter
              label={t("verification.indicators.metrics.unit")}
              permission="cases.read"
              filter={unitFilter}
            />
          </div>
        </SimpleGrid>
        {metrics.isPending && !badRange && <LoadingBlock />}
        {metrics.isError && <ErrorBlock error={metrics.error} onRetry={() => void metrics.refetch()} />}
        {data && data.overall.cases === 0 && (
          <EmptyBlock title={t("verification.indicators.metrics.empty")} />
        )}
        {data && data.overall.cases > 0 && (
          <>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" data-testid="metrics-figures">
              <Figure label={t("verification.indicators.metrics.cases")} value={n(data.overall.cases)} />
              {steps.map((step) => (
                <Figure
                  key={step}
                  label={t(`verification.indicators.metrics.${step}`)}
                  value={duration(data.overall[step])}
                />
              ))}
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              {t("verification.indicators.metrics.medianHint")}
            </Text>
            <Paper withBorder p={{ base: "xs", sm: "md" }}>
              <Title order={2} size="h5" mb="xs">
                {t("verification.indicators.metrics.byCategory")}
              </Title>
              <Suspense fallback={<LoadingBlock />}>
                <CategoryBarChart
                  categories={chart.categories}
                  series={chart.series}
                  format={hours}
                  label={t("verification.indicators.metrics.chartLabel", {
                    summary: (data.byCategory ?? [])
                      .map(
                        (row) =>
                          `${categoryName(row.category)}: ${steps.map((step) => duration(row[step])).join(" / ")}`,
                      )
                      .join("; "),
                  })}
                />
              </Suspense>
              <MedianTable
                first={t("verification.indicators.metrics.category")}
                rows={data.byCategory.map((row) => ({
                  key: row.category ?? "-",
                  name: categoryName(row.category),
                  ...row,
                }))}
                duration={duration}
                count={n}
              />
            </Paper>
            <Paper withBorder p={{ base: "xs", sm: "md" }}>
              <Title order={2} size="h5" mb="xs">
                {t("verification.indicators.metrics.byUnit")}
              </Title>
              <MedianTable
                first={t("verification.indicators.metrics.unit")}
                rows={data.byUnit.map((row) => ({ key: row.unitId, name: row.unitName, ...row }))}
                duration={duration}
                count={n}
              />
            </Paper>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Paper withBorder p={{ base: "xs", sm: "md" }}>
                <Title order={2} size="h5" mb="xs">
                  {t("verification.indicators.metrics.byLabel")}
                </Title>
                <Suspense fallback={<LoadingBlock />}>
                  <CategoryBarChart
                    categories={labelChart.categories}
                    series={labelChart.series}
                    format={count}
                    label={t("verification.indicators.metrics.labelChartLabel", {
                      summary: labelChart.categories
                        .map((name, i) => `${name}: ${data.byLabel[i]?.cases ?? 0}`)
                        .join(", "),
                    })}
                  />
                </Suspense>
              </Paper>
              <Paper withBorder p={{ base: "xs", sm: "md" }}>
                <Title order={2} size="h5" mb="xs">
                  {t("verification.indicators.metrics.byStatus")}
                </Title>
                <Table data-testid="metrics-by-status">
                  <Table.Tbody>
                    {data.byStatus.map((row) => (
                      <Table.Tr key={row.status}>
                        <Table.Td>{t(`verification.indicators.statuses.${row.status}`)}</Table.Td>
                        <Table.Td ta="right">{n(row.cases)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            </SimpleGrid>
          </>
        )}
      </Stack>
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Paper>
  );
}

function MedianTable(props: {
  first: string;
  rows: {
    key: string;
    name: string;
    cases: number;
    firstAction: number | null;
    verdict: number | null;
    publication: number | null;
  }[];
  duration: (seconds: number | null) => string;
  count: (value: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={420} mt="xs">
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{props.first}</Table.Th>
            <Table.Th ta="right">{t("verification.indicators.metrics.count")}</Table.Th>
            {steps.map((step) => (
              <Table.Th key={step} ta="right">
                {t(`verification.indicators.metrics.${step}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{row.name}</Table.Td>
              <Table.Td ta="right">{props.count(row.cases)}</Table.Td>
              {steps.map((step) => (
                <Table.Td key={step} ta="right">
                  {props.duration(row[step])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
