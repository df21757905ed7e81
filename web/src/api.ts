import type { components } from './api/schema';

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

type Schemas = components['schemas'];

/** The API's replies, as the server's OpenAPI document describes them (npm run openapi). */
export type Whoami = Schemas['Whoami'];
export type Localized = Schemas['Clock']['name'];
export type OverviewEntry = Schemas['OverviewEntry'];
export type Overview = Schemas['Overview'];
export type Clock = Schemas['Clock'];
export type Ticket = Schemas['Ticket'];
export type TicketEvent = Schemas['TicketEvent'];
export type TicketList = Schemas['TicketList'];
export type ComplianceEntry = Schemas['ComplianceEntry'];
export type Compliance = Schemas['Compliance'];
export type CreditLine = Schemas['CreditLine'];
export type CreditStatement = Schemas['CreditStatement'];
export type Alert = Schemas['AlertList']['alerts'][number];
export type AlertList = Schemas['AlertList'];
export type Incident = Schemas['Incident'];
export type IncidentList = Schemas['IncidentList'];
export type Monitor = Schemas['Monitor'];
export type MonitorList = Schemas['MonitorList'];
export type Improvement = Schemas['Improvement'];
export type ImprovementList = Schemas['ImprovementList'];
export type PolicySummary = Schemas['PolicySummary'];

/** Whether an optional part of the API (from a stage not yet installed) answers; 404 means "not here yet". */
export async function optional<T>(path: string): Promise<T | null> {
  try {
    return await api<T>(path);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}
