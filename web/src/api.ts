/** The API, called with the token the viewer signed in with (kept for this browser tab only). */
const KEY = 'surety.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (t: string) => sessionStorage.setItem(KEY, t),
  clear: () => sessionStorage.removeItem(KEY),
};

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const t = token.get();
  if (t) headers.set('authorization', `Bearer ${t}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(`/api/v1${path}`, { ...init, headers });
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!res.ok)
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'error',
      body?.error?.message ?? res.statusText,
    );
  return body as T;
}

export interface Whoami {
  role: 'admin' | 'agent' | 'customer';
  customer: string | null;
}

export type Localized = { en: string; zh: string };

export interface OverviewEntry {
  commitment: string;
  name: Localized;
  measure: string;
  target: string;
  unit: 'percent' | 'score' | 'duration';
  value: number | null;
  status: 'met' | 'breached' | 'no_data' | 'not_measured';
  health: 'green' | 'amber' | 'red' | 'grey';
  budgetLeft: number | null;
  breaches: number;
  sample: number;
  tickets: number;
  open: { running: number; warning: number; paused: number };
  trend: Array<{ month: string; value: number | null }>;
}

export interface Overview {
  month: string;
  timezone: string;
  customer: string | null;
  generatedAt: string;
  commitments: OverviewEntry[];
}

export interface Clock {
  commitment: string;
  name: Localized;
  state: 'running' | 'warning' | 'paused' | 'met' | 'breached';
  target: string;
  targetMs: number;
  dueAt: string | null;
  stoppedAt: string | null;
  pausedAt: string | null;
  breachedAt: string | null;
  elapsedMs: number;
  remainingMs: number;
}

export interface Ticket {
  id: number;
  customer: string;
  kind: string;
  priority: string;
  channel: string;
  subject: string;
  status: string;
  createdAt: string;
  rating: number | null;
  decision: string | null;
  breached: boolean;
  expedited?: boolean;
  clocks: Clock[];
  events?: Array<{ seq: number; type: string; at: string; note?: string; rating?: number }>;
}

export interface ComplianceEntry {
  commitment: string;
  name: Localized;
  target: string;
  unit: OverviewEntry['unit'];
  value: number | null;
  status: OverviewEntry['status'];
  breaches: number;
  sample: number;
  tickets: number[];
  evidence: Array<{
    ticket: number;
    customer: string;
    dueAt: string | null;
    breachedAt: string | null;
    reason?: string;
  }>;
}

export interface Compliance {
  window: { from: string; to: string; label: string; timezone: string };
  customer: string | null;
  commitments: ComplianceEntry[];
}

/** Whether an optional part of the API (from a stage not yet installed) answers; 404 means "not here yet". */
export async function optional<T>(path: string): Promise<T | null> {
  try {
    return await api<T>(path);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/** One line of the credit ledger (GET /credits), with its evidence. */
export interface CreditLine {
  commitment: string;
  consequence: string;
  ticket: number | null;
  incident: string | null;
  incidents: string[];
  kind: 'breach' | 'uptime';
  dueAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
  uptimePercent: number | null;
  percentOfMonthlyFee: number;
  amount: number;
  amountMinor: number;
  capped?: string;
  uncappedAmount?: number;
}

/** The monthly credit statement as GET /credits?month= returns it. */
export interface CreditStatement {
  month: string;
  timezone: string;
  from: string;
  to: string;
  generatedAt: string;
  rounding: string;
  customers: Array<{
    customer: string;
    name: string;
    currency: string;
    minorUnit: number;
    monthlyFee: number;
    cap: number;
    total: number;
    totalMinor: number;
    lines: CreditLine[];
  }>;
}

/** An alert as GET /alerts returns it. */
export interface Alert {
  id: number;
  status: 'triggered' | 'acknowledged' | 'resolved';
  severity: string;
  type: string;
  summary: string;
  subject: { type: string; id: string };
  commitment: string | null;
  customer: string | null;
  expedite: boolean;
  escalation: string;
  level: number | null;
  levelName?: string | null;
  levels?: number;
  openedAt: string;
  nextEscalationAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
}
