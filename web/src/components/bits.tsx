import type { ComponentChildren } from 'preact';
import { t, type Key } from '../i18n';

export function Pill({
  health,
  label,
}: {
  health: 'green' | 'amber' | 'red' | 'grey';
  label?: string;
}) {
  return (
    <span class={`pill ${health}`} data-health={health}>
      {label ?? t(health)}
    </span>
  );
}

/** A trend line as inline SVG: a few points need no chart library. */
export function Sparkline({
  values,
  width = 96,
  height = 24,
}: {
  values: Array<number | null>;
  width?: number;
  height?: number;
}) {
  const known = values
    .map((v, i) => [i, v] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null);
  if (known.length < 2)
    return <svg width={width} height={height} class="spark" aria-hidden="true" />;
  const ys = known.map(([, v]) => v);
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const x = (i: number) => (i / (values.length - 1)) * (width - 4) + 2;
  const y = (v: number) =>
    hi === lo ? height / 2 : height - 3 - ((v - lo) / (hi - lo)) * (height - 6);
  const d = known
    .map(([i, v], n) => `${n === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`)
    .join(' ');
  const [li, lv] = known[known.length - 1]!;
  return (
    <svg width={width} height={height} class="spark" role="img">
      <path d={d} fill="none" stroke="currentColor" stroke-width="1.5" />
      <circle cx={x(li)} cy={y(lv)} r="2.5" fill="currentColor" />
    </svg>
  );
}

export function Empty({ message }: { message: Key }) {
  return <p class="empty">{t(message)}</p>;
}

export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  return (
    <section class="panel">
      <header>
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Failure({ error }: { error: unknown }) {
  return (
    <p class="error" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </p>
  );
}
