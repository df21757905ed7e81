// Shared helpers for the end-to-end HTTP tests (not a test file itself: the runner only
// picks up *.test.js). Every helper goes through the real HTTP API of a running server.
import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import type { TestDatabase } from '../helpers/databases.js';
import { startTestServer, type ApiReply, type TestServer } from '../helpers/server.js';

export { SECOND as SEC, MINUTE as MIN, HOUR, DAY } from '../../src/domain/duration.js';

/** The moment most tests start at: 2026-10-05 16:00 in Asia/Shanghai. */
export const T0_ISO = '2026-10-05T08:00:00.000Z';
export const T0 = Date.parse(T0_ISO);

export const iso = (t: number): string => new Date(t).toISOString();

/** Rounds like the compliance report does (3 decimals). */
export const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * A fresh server (fresh database, manual clock at `now`) for every test of the enclosing
 * describe; closed after each test. Returns a getter for the current test's server.
 */
export function serverPerTest(db: TestDatabase, now: string = T0_ISO): () => TestServer {
  let server: TestServer | undefined;
  beforeEach(async () => {
    server = await startTestServer(db, { now });
  });
  afterEach(async () => {
    const s = server;
    server = undefined;
    await s?.close();
  });
  return () => {
    if (!server) throw new Error('no server: called outside a test');
    return server;
  };
}

function show(r: ApiReply): string {
  return `HTTP ${r.status}: ${typeof r.body === 'string' ? r.body : JSON.stringify(r.body)}`;
}

export function expectStatus(r: ApiReply, status: number): void {
  assert.equal(r.status, status, show(r));
}

/**
 * Asserts an error reply: its status, its code, and that its message names each of
 * `mentions` (a field, a value…). Returns the error object for further checks.
 */
export function expectError(
  r: ApiReply,
  status: number,
  code: string,
  ...mentions: string[]
): { code: string; message: string; details?: Array<{ path: string; message: string }> } {
  assert.equal(r.status, status, show(r));
  assert.ok(
    r.body && typeof r.body === 'object' && r.body.error,
    `expected an error body, got ${show(r)}`,
  );
  assert.equal(r.body.error.code, code, show(r));
  assert.equal(typeof r.body.error.message, 'string');
  for (const m of mentions)
    assert.ok(
      r.body.error.message.includes(m),
      `expected the message to mention ${JSON.stringify(m)}: ${r.body.error.message}`,
    );
  return r.body.error;
}

/** Asserts that an error's details point at `path` (a JSON pointer). */
export function expectDetailAt(
  error: { details?: Array<{ path: string; message: string }> },
  path: string,
): void {
  assert.ok(error.details, `expected details in ${JSON.stringify(error)}`);
  assert.ok(
    error.details.some((d) => d.path === path),
    `expected a detail at ${path}: ${JSON.stringify(error.details)}`,
  );
}

export async function addCustomer(
  s: TestServer,
  id: string,
  extra: Record<string, unknown> = {},
): Promise<any> {
  const r = await s.api('POST', '/api/v1/customers', {
    id,
    name: `Customer ${id}`,
    monthlyFee: 1000,
    ...extra,
  });
  expectStatus(r, 201);
  return r.body;
}

export interface TicketFields {
  customer?: string;
  kind?: string;
  priority?: string;
  channel?: string;
  subject?: string;
  body?: string;
  createdAt?: string;
  externalId?: string;
}

export async function openTicket(
  s: TestServer,
  fields: TicketFields = {},
  token?: string | null,
): Promise<any> {
  const r = await s.api(
    'POST',
    '/api/v1/tickets',
    {
      customer: 'acme',
      kind: 'inquiry',
      priority: 'general',
      channel: 'web',
      subject: 'help',
      ...fields,
    },
    token,
  );
  expectStatus(r, 201);
  return r.body;
}

export async function record(
  s: TestServer,
  ticketId: number,
  type: string,
  extra: Record<string, unknown> = {},
  token?: string | null,
): Promise<any> {
  const r = await s.api('POST', `/api/v1/tickets/${ticketId}/events`, { type, ...extra }, token);
  expectStatus(r, 201);
  return r.body;
}

export async function getTicket(s: TestServer, id: number, token?: string | null): Promise<any> {
  const r = await s.api('GET', `/api/v1/tickets/${id}`, undefined, token);
  expectStatus(r, 200);
  return r.body;
}

export function clockOf(ticket: any, commitment: string): any {
  const c = ticket.clocks.find((x: any) => x.commitment === commitment);
  assert.ok(
    c,
    `ticket ${ticket.id} has no ${commitment} clock; it has ${ticket.clocks.map((x: any) => x.commitment).join(', ') || 'none'}`,
  );
  return c;
}

export function commitmentsOf(ticket: any): string[] {
  return ticket.clocks.map((c: any) => c.commitment).sort();
}

export async function issueToken(
  s: TestServer,
  role: 'admin' | 'agent' | 'customer' | 'auditor',
  customer?: string,
): Promise<{ id: string; token: string }> {
  const r = await s.api('POST', '/api/v1/tokens', {
    role,
    ...(customer !== undefined ? { customer } : {}),
  });
  expectStatus(r, 201);
  return r.body;
}

const probeTokens = new WeakMap<TestServer, Map<string, string>>();

/**
 * The probe token bound to `location` on this server, issued on first use: only it may report
 * that location's results, as `surety agent` there would.
 */
export async function probeToken(s: TestServer, location: string): Promise<string> {
  const mine = probeTokens.get(s) ?? new Map<string, string>();
  probeTokens.set(s, mine);
  const known = mine.get(location);
  if (known !== undefined) return known;
  const r = await s.api('POST', '/api/v1/agents/tokens', { location });
  expectStatus(r, 201);
  mine.set(location, r.body.token);
  return r.body.token;
}

/** A compliance report; `query` is the query string without "?". */
export async function compliance(
  s: TestServer,
  query: string,
  token?: string | null,
): Promise<any> {
  const r = await s.api('GET', `/api/v1/compliance?${query}`, undefined, token);
  expectStatus(r, 200);
  return r.body;
}

export function entryOf(report: any, commitment: string): any {
  const e = report.commitments.find((x: any) => x.commitment === commitment);
  assert.ok(e, `the report has no ${commitment}`);
  return e;
}
