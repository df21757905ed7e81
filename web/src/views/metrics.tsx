import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api } from '../api';
import { Empty, Failure, Section } from '../components/bits';
import { t } from '../i18n';
import { useData } from '../use-data';
import { serverNow } from '../month';

interface Series {
  id: number;
  measurement: string;
  field: string;
  tags: Record<string, string>;
}
interface Bucket {
  at: string;
  mean: number;
  max: number;
  p95?: number;
  anomalyScore: number;
}

/** Anomaly scores at or above this are marked (the policy's default alert level). */
const ANOMALY = 0.5;
const RANGES = {
  last24h: [86_400_000, '1m'],
  last7d: [7 * 86_400_000, '1h'],
  last30d: [30 * 86_400_000, '1h'],
} as const;

function Chart({ series, range }: { series: Series; range: keyof typeof RANGES }) {
  const box = useRef<HTMLDivElement>(null);
  const [span, resolution] = RANGES[range];
  const { data, error } = useData(() => {
    const to = new Date(serverNow() + 60_000).toISOString();
    const from = new Date(serverNow() - span).toISOString();
    return api<{ buckets: Bucket[] }>(
      `/series/${series.id}/rollups?resolution=${resolution}&from=${from}&to=${to}`,
    );
  }, [series.id, range]);
  useEffect(() => {
    if (!data || !box.current) return;
    const xs = data.buckets.map((b) => Date.parse(b.at) / 1000);
    const mean = data.buckets.map((b) => b.mean);
    const flagged = data.buckets.map((b) => (b.anomalyScore >= ANOMALY ? b.max : null));
    const plot = new uPlot(
      {
        width: box.current.clientWidth || 800,
        height: 260,
        series: [
          {},
          { label: `${series.field} (mean)`, stroke: '#2f6fdf', width: 1.5 },
          {
            label: t('anomaly'),
            stroke: '#c0392b',
            width: 0,
            points: { show: true, size: 7, fill: '#c0392b', stroke: '#c0392b' },
          },
        ],
        axes: [{}, { size: 60 }],
      },
      [xs, mean, flagged],
      box.current,
    );
    return () => plot.destroy();
  }, [data]);
  if (error) return <Failure error={error} />;
  if (data && data.buckets.length === 0) return <Empty message="empty" />;
  return (
    <div
      ref={box}
      class="chart"
      data-testid="metric-chart"
      data-anomalies={data ? data.buckets.filter((b) => b.anomalyScore >= ANOMALY).length : ''}
    />
  );
}

/** Metric charts: any series, minute or hour rollups, anomalies marked. */
export function MetricsView() {
  const { data, error } = useData(() => api<{ series: Series[] }>('/series?limit=200'), []);
  const [selected, setSelected] = useState<number | null>(null);
  const [range, setRange] = useState<keyof typeof RANGES>('last7d');
  if (error) return <Failure error={error} />;
  if (!data) return <p class="loading">{t('loading')}</p>;
  if (data.series.length === 0)
    return (
      <Section title={t('metrics')}>
        <Empty message="empty" />
      </Section>
    );
  const current =
    data.series.find((s) => s.id === selected) ??
    data.series.find((s) => s.field === 'latency_ms') ??
    data.series[0]!;
  const name = (s: Series) =>
    `${s.measurement}.${s.field} ${Object.entries(s.tags)
      .map(([k, v]) => `${k}=${v}`)
      .join(',')}`;
  return (
    <Section
      title={t('metrics')}
      actions={
        <span class="tabs">
          {(Object.keys(RANGES) as Array<keyof typeof RANGES>).map((r) => (
            <button class={r === range ? 'on' : ''} onClick={() => setRange(r)}>
              {t(r)}
            </button>
          ))}
        </span>
      }
    >
      <label>
        {t('series')}{' '}
        <select
          value={current.id}
          onChange={(e) => setSelected(Number((e.target as HTMLSelectElement).value))}
        >
          {data.series.map((s) => (
            <option value={s.id}>{name(s)}</option>
          ))}
        </select>
      </label>
      <p class="meta">{t('anomalies')}</p>
      <Chart series={current} range={range} />
    </Section>
  );
}
