import { Button, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Kit } from "../../backend/types.ts";
import { DateField } from "../../components/date-fields.tsx";
import { DownloadIcon } from "../../components/icons.tsx";
import { ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatNumber } from "../../i18n/format.ts";
import { advocacyKeys, fetchKitReport, kitReportXlsxUrl } from "./advocacy-api.ts";
import { DayChartBlock, Figures, FigureTable, measureColors } from "./report-blocks.tsx";

/**
 * A kit's report for a period: headline figures, clicks and previews per day, and where the
 * clicks came from (units of the members who shared, referring sites, kinds of device).
 */
export function KitReportPanel({ kit }: { kit: Kit }) {
  const { t, i18n } = useTranslation();
  // Empty until the editor picks dates: the server chooses the period (the kit's life so far).
  const [range, setRange] = useState({ from: "", to: "" });
  const report = useQuery({
    queryKey: advocacyKeys.kitReport(kit.id, range.from, range.to),
    queryFn: () => fetchKitReport(kit.id, range.from, range.to),
    placeholderData: keepPreviousData,
  });
  const n = (value: number) => formatNumber(value, i18n.language);
  const data = report.data;
  const from = range.from || data?.from || "";
  const to = range.to || data?.to || "";
  const badRange = Boolean(from && to && from > to);

  return (
    <Stack gap="sm" data-testid="kit-report">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={2} size="h4">
          {t("advocacy.report.title")}
        </Title>
        <Button
          component="a"
          href={kitReportXlsxUrl(kit.id, from, to)}
          download
          variant="default"
          size="sm"
          leftSection={<DownloadIcon size={16} />}
          data-testid="kit-report-xlsx"
        >
          {t("advocacy.report.xlsx")}
        </Button>
      </Group>
      <SimpleGrid cols={2} spacing="xs" maw={420}>
        <DateField
          label={t("advocacy.report.from")}
          value={from}
          max={to || undefined}
          onChange={(value) => setRange({ from: value, to })}
          data-testid="report-from"
        />
        <DateField
          label={t("advocacy.report.to")}
          value={to}
          min={from || undefined}
          onChange={(value) => setRange({ from, to: value })}
          error={badRange ? t("advocacy.report.badRange") : undefined}
          data-testid="report-to"
        />
      </SimpleGrid>
      {report.isPending && <LoadingBlock />}
      {report.isError && <ErrorBlock error={report.error} onRetry={() => void report.refetch()} />}
      {data && (
        <>
          <Figures
            items={[
              { label: t("advocacy.report.clicks"), value: data.totals.clicks, testId: "report-clicks" },
              { label: t("advocacy.report.uniqueVisitors"), value: data.totals.uniqueVisitors },
              {
                label: t("advocacy.report.previews"),
                value: data.totals.previews,
                hint: t("advocacy.report.previewsHint"),
              },
              { label: t("advocacy.report.bots"), value: data.totals.bots, testId: "report-bots" },
              { label: t("advocacy.report.shares"), value: data.totals.shares },
              {
                label: t("advocacy.report.links"),
                value: data.totals.links,
                hint: t("advocacy.report.linksHint"),
              },
            ]}
          />
          <DayChartBlock
            title={t("advocacy.report.overTime")}
            days={data.byDay.map((row) => row.day)}
            series={[
              {
                name: t("advocacy.report.clicks"),
                values: data.byDay.map((row) => row.clicks),
                color: measureColors.clicks,
              },
              {
                name: t("advocacy.report.previews"),
                values: data.byDay.map((row) => row.previews),
                color: measureColors.previews,
              },
            ]}
          />
          <FigureTable
            title={t("advocacy.report.byUnit")}
            testId="report-by-unit"
            minWidth={300}
            columns={[
              { label: t("advocacy.report.unit") },
              { label: t("advocacy.report.clicks"), numeric: true },
              { label: t("advocacy.report.previews"), numeric: true },
              { label: t("advocacy.report.shares"), numeric: true },
            ]}
            rows={data.byUnit.map((row) => ({
              key: row.unitId,
              cells: [row.unitName, n(row.clicks), n(row.previews), n(row.shares)],
            }))}
            empty={t("advocacy.report.nothingYet")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <FigureTable
              title={t("advocacy.report.byReferrer")}
              columns={[
                { label: t("advocacy.report.referrer") },
                { label: t("advocacy.report.clicks"), numeric: true },
              ]}
              rows={data.byReferrer.map((row) => ({
                key: row.domain || "-",
                cells: [row.domain || t("advocacy.report.direct"), n(row.clicks)],
              }))}
              empty={t("advocacy.report.nothingYet")}
              note={
                <Text size="xs" c="dimmed" mb={4}>
                  {t("advocacy.report.referrerHint")}
                </Text>
              }
            />
            <FigureTable
              title={t("advocacy.report.byDevice")}
              columns={[
                { label: t("advocacy.report.device") },
                { label: t("advocacy.report.clicks"), numeric: true },
              ]}
              rows={data.byDevice.map((row) => ({
                key: row.device,
                cells: [t(`advocacy.device.${row.device}`), n(row.clicks)],
              }))}
              empty={t("advocacy.report.nothingYet")}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t("advocacy.report.privacy")}
          </Text>
        </>
      )}
    </Stack>
  );
}
