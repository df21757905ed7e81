import { DateTime } from 'luxon';
import type { Language } from '../domain/localized.js';

/** How reports print values: fixed decimals, both languages, dates in the policy's zone. */
export function formatValue(
  value: number | null,
  unit: 'percent' | 'score' | 'duration',
  lang: Language,
): string {
  if (value === null) return '—';
  if (unit === 'percent') return `${trim(value, 2)} %`;
  if (unit === 'score') return trim(value, 2);
  return formatMs(value, lang);
}

export function formatMs(ms: number | null, lang: Language): string {
  if (ms === null) return '—';
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === 'zh') return h > 0 ? `${h} 小时 ${m} 分钟` : `${m} 分钟`;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

const trim = (x: number, digits: number) => String(Math.round(x * 10 ** digits) / 10 ** digits);

export function formatDateTime(iso: string | null, zone: string, lang: Language): string {
  if (iso === null) return '—';
  return DateTime.fromISO(iso, { zone })
    .setLocale(lang === 'zh' ? 'zh-CN' : 'en-GB')
    .toFormat('yyyy-MM-dd HH:mm');
}

export function formatMoney(amount: number, currency: string, lang: Language): string {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    style: 'currency',
    currency,
  }).format(amount);
}

export function formatPercent(fraction: number | null): string {
  return fraction === null ? '—' : `${Math.round(fraction * 100)} %`;
}
