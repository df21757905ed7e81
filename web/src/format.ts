import { signal } from '@preact/signals';
import { lang, locale } from './i18n';
import { serverNow } from './month';

/** Dates and numbers in the viewer's own time zone and language. */
export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function dateTime(iso: string | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(lang.value), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

export function value(v: number | null, unit: 'percent' | 'score' | 'duration'): string {
  if (v === null) return '—';
  if (unit === 'percent')
    return `${new Intl.NumberFormat(locale(lang.value), { maximumFractionDigits: 2 }).format(v)} %`;
  if (unit === 'score')
    return new Intl.NumberFormat(locale(lang.value), { maximumFractionDigits: 2 }).format(v);
  return duration(v);
}

export function duration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (d > 0) return `${sign}${d}d ${h}h`;
  if (h > 0) return `${sign}${h}h ${String(m).padStart(2, '0')}m`;
  return `${sign}${m}m ${String(s).padStart(2, '0')}s`;
}

export const percent = (f: number | null) => (f === null ? '—' : `${Math.round(f * 100)} %`);

export function money(amount: number, currency: string) {
  return new Intl.NumberFormat(locale(lang.value), { style: 'currency', currency }).format(amount);
}

/** The server's clock as the viewer's browser keeps it, ticking once a second: countdowns read it. */
export const now = signal(serverNow());
setInterval(() => (now.value = serverNow()), 1000);
