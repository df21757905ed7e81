import { api, type PolicySummary } from './api';

/** The server's clock and the policy's zone: periods (this month) are the server's, not the viewer's. */
let offsetMs = 0;
let zone: string | undefined;

export async function syncServerTime(): Promise<void> {
  const p = await api<PolicySummary>('/policy');
  offsetMs = Date.parse(p.now) - Date.now();
  zone = p.timezone;
}

export const serverNow = () => Date.now() + offsetMs;

/** The current month in the policy's zone ("2026-10"). */
export function monthNow(): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date(serverNow()));
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
