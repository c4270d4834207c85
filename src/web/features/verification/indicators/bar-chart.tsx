import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import { ChartLegend } from "../../../components/chart-legend.tsx";

// Only the pieces the desk's figures draw, loaded with this chart only.
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  /** One value per category; null where there is none (no case reached the step). */
  values: (number | null)[];
  color: string;
}

/**
 * Horizontal bars by category (long Vietnamese category names read on a phone this way), as the
 * advocacy reports' day chart draws its figures: one ECharts instance, resized with its box.
 */
export default function CategoryBarChart(props: {
  categories: string[];
  series: BarSeries[];
  label: string;
  format: (value: number) => string;
  axisFormat?: (value: number) => string;
}) {
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
    const format = (value: unknown) => (typeof value === "number" ? props.format(value) : "—");
    chart.current?.setOption(
      {
        animation: false,
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: format },
        // The legend is drawn in HTML above the canvas: ECharts' own pages its items on a phone.
        grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
        yAxis: {
          type: "category",
          data: props.categories,
          inverse: true,
          axisLabel: { width: 110, overflow: "break" },
        },
        xAxis: {
          type: "value",
          minInterval: 1,
          axisLabel: {
            formatter: (value: number) => (props.axisFormat ?? props.format)(value),
            hideOverlap: true,
          },
        },
        series: props.series.map((item) => ({
          name: item.name,
          type: "bar",
          data: item.values,
          itemStyle: { color: item.color },
        })),
      },
      { notMerge: true },
    );
  }, [props.categories, props.series, props.format, props.axisFormat]);

  const height = Math.max(160, props.categories.length * (props.series.length * 18 + 18) + 60);
  return (
    <div>
      {props.series.length > 1 && (
        <ChartLegend
          series={props.series.map((item) => ({ ...item, kind: "bar" as const }))}
          testId="bar-chart-legend"
        />
      )}
      <div
        ref={element}
        role="img"
        aria-label={props.label}
        style={{ width: "100%", height }}
        data-testid="bar-chart"
      />
    </div>
  );
}
