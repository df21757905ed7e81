/**
 * Charts for reports as SVG strings, drawn by ECharts' server-side renderer (no DOM, no
 * browser): the same SVG goes into HTML and, through Chromium, into the PDF.
 */
type ECharts = typeof import('echarts');
let loaded: Promise<ECharts> | undefined;
// ECharts takes half a second to load; only reports pay for it.
const echarts = () => (loaded ??= import('echarts'));

export interface ChartSeries {
  readonly name: string;
  readonly data: ReadonlyArray<number | null>;
}

const FONT = 'Noto Sans CJK SC, WenQuanYi Zen Hei, Noto Sans, DejaVu Sans, sans-serif';

async function render(
  option: Record<string, unknown>,
  width: number,
  height: number,
): Promise<string> {
  const e = await echarts();
  const chart = e.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function lineChart(
  categories: readonly string[],
  series: readonly ChartSeries[],
  options: { width?: number; height?: number; yName?: string; markLine?: number } = {},
): Promise<string> {
  return render(
    {
      grid: { left: 48, right: 16, top: series.length > 1 ? 40 : 16, bottom: 28 },
      legend: series.length > 1 ? { top: 0, textStyle: { fontSize: 10 } } : undefined,
      xAxis: { type: 'category', data: [...categories], axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', name: options.yName, scale: true, axisLabel: { fontSize: 10 } },
      series: series.map((s, i) => ({
        type: 'line',
        name: s.name,
        data: [...s.data],
        connectNulls: true,
        symbolSize: 5,
        ...(i === 0 && options.markLine !== undefined
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: '#c0392b', type: 'dashed' },
                data: [{ yAxis: options.markLine }],
                label: { fontSize: 10 },
              },
            }
          : {}),
      })),
    },
    options.width ?? 640,
    options.height ?? 220,
  );
}

export function barChart(
  categories: readonly string[],
  series: readonly ChartSeries[],
  options: { width?: number; height?: number; stack?: boolean } = {},
): Promise<string> {
  return render(
    {
      grid: { left: 40, right: 16, top: series.length > 1 ? 40 : 16, bottom: 28 },
      legend: series.length > 1 ? { top: 0, textStyle: { fontSize: 10 } } : undefined,
      xAxis: { type: 'category', data: [...categories], axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: [...s.data],
        ...(options.stack ? { stack: 'all' } : {}),
      })),
    },
    options.width ?? 640,
    options.height ?? 200,
  );
}
