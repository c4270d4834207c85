import { Card, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { usePhoneLayout } from "../../components/phone-layout.ts";
import { LoadingBlock } from "../../components/state-blocks.tsx";
import { formatNumber } from "../../i18n/format.ts";
import type { DaySeries } from "./day-chart.tsx";

// ECharts comes with the chart only, after the figures are already on screen.
const DayChart = lazy(() => import("./day-chart.tsx"));

/** Colours of the measures, the same in every chart and legend. */
export const measureColors = { clicks: "#1c7ed6", previews: "#fab005", shares: "#2f9e44" };

/** A row of headline figures, two a line on phones. */
export function Figures({
  items,
}: {
  items: { label: string; value: number; hint?: string; testId?: string }[];
}) {
  const { i18n } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs">
      {items.map((item) => (
        <Paper key={item.label} withBorder p="xs" radius="sm" data-testid={item.testId}>
          <Text size="xs" c="dimmed">
            {item.label}
          </Text>
          <Text fw={700} size="xl" data-value={item.value}>
            {formatNumber(item.value, i18n.language)}
          </Text>
          {item.hint && (
            <Text size="xs" c="dimmed">
              {item.hint}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** The per-day chart, loaded on demand. */
export function DayChartBlock(props: { title: string; days: string[]; series: DaySeries[] }) {
  const { t } = useTranslation();
  const label = t("advocacy.report.chartLabel", {
    from: props.days[0] ?? "",
    to: props.days.at(-1) ?? "",
    summary: props.series
      .map((series) => `${series.name}: ${series.values.reduce((sum, value) => sum + value, 0)}`)
      .join(", "),
  });
  return (
    <Paper withBorder p={{ base: "xs", sm: "md" }}>
      <Title order={3} size="h5" mb="xs">
        {props.title}
      </Title>
      <Suspense fallback={<LoadingBlock />}>
        <DayChart days={props.days} series={props.series} label={label} />
      </Suspense>
    </Paper>
  );
}

/**
 * A small titled table of figures, numbers right-aligned; on a phone, a card a row (its first cell
 * as the card's title, the figures under it named), so nothing sits cut off past the screen's edge.
 */
export function FigureTable(props: {
  title: string;
  /** `phone: false` leaves a secondary column out below 576 px, so the rest reads whole. */
  columns: { label: string; numeric?: boolean; phone?: false }[];
  rows: { key: string; cells: ReactNode[] }[];
  empty: string;
  testId?: string;
  note?: ReactNode;
  /** Below this width the table scrolls sideways instead of squeezing its words. */
  minWidth?: number;
  /** Made to fit a phone as a table (a rank, a name and few figures): kept a table there. */
  fitsPhone?: boolean;
}) {
  const phone = usePhoneLayout() && !props.fitsPhone;
  return (
    <Paper withBorder p={{ base: "xs", sm: "md" }} data-testid={props.testId}>
      <Title order={3} size="h5" mb="xs">
        {props.title}
      </Title>
      {props.note}
      {props.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {props.empty}
        </Text>
      ) : phone ? (
        <Stack gap={6}>
          {props.rows.map((row) => (
            <Card key={row.key} withBorder padding="xs" data-row>
              <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }} data-cell>
                {row.cells[0]}
              </Text>
              <Group gap="md" style={{ rowGap: 2 }} wrap="wrap" mt={2}>
                {row.cells.slice(1).map((cell, index) => (
                  <Text
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional, matching the columns
                    key={index}
                    size="sm"
                  >
                    <Text span size="xs" c="dimmed">
                      {props.columns[index + 1]?.label}:
                    </Text>{" "}
                    <Text span size="sm" fw={500} data-cell>
                      {cell}
                    </Text>
                  </Text>
                ))}
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={props.minWidth ?? 320}>
          <Table verticalSpacing={4} horizontalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                {props.columns.map((column) => (
                  <Table.Th
                    key={column.label}
                    ta={column.numeric ? "right" : undefined}
                    visibleFrom={column.phone === false ? "xs" : undefined}
                  >
                    {column.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.rows.map((row) => (
                <Table.Tr key={row.key} data-row>
                  {row.cells.map((cell, index) => (
                    <Table.Td
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional, matching the columns
                      key={index}
                      ta={props.columns[index]?.numeric ? "right" : undefined}
                      visibleFrom={props.columns[index]?.phone === false ? "xs" : undefined}
                      style={props.columns[index]?.numeric ? { whiteSpace: "nowrap" } : undefined}
                    >
                      {cell}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
