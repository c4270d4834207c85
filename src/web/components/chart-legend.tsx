import { Box, Group, Text } from "@mantine/core";

export interface LegendEntry {
  name: string;
  color: string;
  /** A bar's swatch is a square, a line's (the default, as in the day chart) a stroke. */
  kind?: "bar" | "line";
}

/**
 * A chart's legend in HTML above its canvas, wrapping onto as many lines as the names need: ECharts'
 * own legend pages its items on a phone. Hidden from screen readers, which read the chart's label.
 */
export function ChartLegend({ series, testId }: { series: LegendEntry[]; testId: string }) {
  return (
    <Group gap="md" style={{ rowGap: 4 }} wrap="wrap" data-testid={testId} aria-hidden="true">
      {series.map((item) => (
        <Group key={item.name} gap={6} wrap="nowrap">
          <Box
            w={item.kind === "bar" ? 12 : 18}
            h={item.kind === "bar" ? 12 : 3}
            bg={item.color}
            style={{ borderRadius: 2, flexShrink: 0 }}
          />
          <Text size="xs">{item.name}</Text>
        </Group>
      ))}
    </Group>
  );
}
