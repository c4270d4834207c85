import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ChartLegend } from "../../components/chart-legend.tsx";
import { formatNumber, vietnamToday } from "../../i18n/format.ts";

// Only the pieces the report draws, so the chart's chunk stays a fraction of the whole library.
echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface DaySeries {
  name: string;
  values: number[];
  color: string;
  kind?: "line" | "bar";
}

/** "2026-11-24" → "24/11", the way a day reads on a narrow axis. */
function shortDay(day: string): string {
  const [, month, date] = day.split("-");
  return `${date}/${month}`;
}

/**
 * Figures per day (clicks, previews, shares) over the report's period. Loaded on its own, only
 * by the report pages: ECharts never reaches a member's feed.
 */
export default function DayChart(props: {
  days: string[];
  series: DaySeries[];
  label: string;
  height?: number;
}) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) {
      return;
    }
    const instance = echarts.init(element.current, undefined, { renderer: "canvas" });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // Days still to come have no figures yet: a gap, not a fall to zero.
    const today = vietnamToday();
    const number = (value: unknown) => (typeof value === "number" ? formatNumber(value, language) : "");
    chart.current?.setOption(
      {
        animation: false,
        tooltip: { trigger: "axis", valueFormatter: number },
        // The legend is drawn above the chart in the page (it wraps there, naming every series on a phone).
        grid: { left: 8, right: 8, top: 12, bottom: 8, containLabel: true },
        xAxis: {
          type: "category",
          data: props.days.map(shortDay),
          boundaryGap: props.series.some((item) => item.kind === "bar"),
          axisLabel: { hideOverlap: true },
        },
        yAxis: { type: "value", minInterval: 1, axisLabel: { formatter: number } },
        series: props.series.map((item) => ({
          name: item.name,
          type: item.kind ?? "line",
          data: item.values.map((value, index) => ((props.days[index] ?? "") > today ? null : value)),
          itemStyle: { color: item.color },
          lineStyle: { color: item.color, width: 2 },
          showSymbol: props.days.length <= 31,
          smooth: false,
        })),
      },
      { notMerge: true },
    );
  }, [props.days, props.series, language]);

  return (
    <>
      <ChartLegend series={props.series} testId="day-chart-legend" />
      <div
        ref={element}
        role="img"
        aria-label={props.label}
        style={{ width: "100%", height: props.height ?? 260 }}
        data-testid="day-chart"
      />
    </>
  );
}
