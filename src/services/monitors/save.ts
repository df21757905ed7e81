import { randomBytes } from 'node:crypto';
import { SuretyError, conflict, notFound } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import type { MonitorRow, Store } from '../store/index.js';
import { readMonitorInput, type MonitorInput } from './definition-input.js';
import { settleService } from './settle-service.js';
import { monitorView } from './view.js';
import { silentLocations } from './catalog.js';

/** POST /monitors: a new monitor. PUT /monitors/{id}: create or replace one. Admin only. */
export async function createMonitor({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin'], 'creating a monitor');
  const parsed = readMonitorInput(input);
  return saveMonitor(ctx, parsed, 'create');
}

export async function replaceMonitor({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; body: unknown };
}) {
  requireRole(ctx.caller, ['admin'], 'changing a monitor');
  const parsed = readMonitorInput(input.body, input.id);
  return saveMonitor(ctx, parsed, 'replace');
}

async function saveMonitor(ctx: ServiceContext, parsed: MonitorInput, mode: 'create' | 'replace') {
  const now = ctx.time.now();
  const m = parsed.monitor;
  return ctx.store.transaction(async (tx) => {
    const existing = await tx.monitors.get(m.id);
    if (existing && existing.removedAt === null) {
      if (existing.source === 'policy')
        throw conflict(`monitor "${m.id}" is declared in the policy file; change it there`);
      if (mode === 'create')
        throw conflict(
          `a monitor "${m.id}" already exists; PUT /api/v1/monitors/${m.id} replaces it`,
        );
    }
    await checkContract(tx, m.id, m.service, m.customer ?? null);
    const row: MonitorRow = {
      id: m.id,
      service: m.service,
      customer: m.customer ?? null,
      type: m.type,
      definition: parsed.definition,
      locations: parsed.locations ?? ctx.policy.availability.locations,
      source: 'api',
      pingKey: m.type === 'heartbeat' ? (existing?.pingKey ?? newPingKey()) : null,
      createdAt: existing && existing.removedAt === null ? existing.createdAt : now,
      updatedAt: now,
      removedAt: null,
    };
    await tx.monitors.upsert(row);
    await audit(tx, ctx, {
      action: existing && existing.removedAt === null ? 'monitor.replaced' : 'monitor.created',
      type: 'monitor',
      id: row.id,
    });
    if (existing && existing.service !== row.service)
      await settleService(tx, ctx.policy, existing.service, now, now);
    const states = await tx.monitorStates.list([row.id]);
    return monitorView(ctx.policy, row, states, await silentLocations(tx));
  });
}

/** DELETE /monitors/{id}: stops it; its history stays in the reports. An outage it saw ends now. */
export async function removeMonitor({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}) {
  requireRole(ctx.caller, ['admin'], 'removing a monitor');
  const now = ctx.time.now();
  return ctx.store.transaction(async (tx) => {
    const row = await tx.monitors.get(input.id);
    if (!row || row.removedAt !== null) throw notFound(`there is no monitor "${input.id}"`);
    if (row.source === 'policy')
      throw conflict(`monitor "${input.id}" is declared in the policy file; remove it there`);
    await retire(tx, row, now);
    await audit(tx, ctx, { action: 'monitor.removed', type: 'monitor', id: row.id });
    await settleService(tx, ctx.policy, row.service, now, now);
    return { id: row.id, removed: true };
  });
}

/** Marks a monitor removed and closes what it still had open. */
export async function retire(tx: Store, row: MonitorRow, now: number): Promise<void> {
  await tx.monitors.upsert({ ...row, removedAt: now, updatedAt: now });
  for (const s of await tx.monitorStates.list([row.id])) {
    if (s.status === 'down') await tx.downtimes.close(row.id, s.location, now);
  }
  await tx.monitorStates.save(
    (await tx.monitorStates.list([row.id])).map((s) => ({
      ...s,
      status: 'pending',
      since: null,
      failures: 0,
      detectedAt: null,
    })),
  );
}

/** A monitor's customer must exist, and every monitor of a service counts for the same contract. */
export async function checkContract(
  tx: Store,
  id: string,
  service: string,
  customer: string | null,
): Promise<void> {
  if (customer !== null && !(await tx.customers.get(customer))) {
    throw new SuretyError('unknown_reference', `customer: there is no customer "${customer}"`, [
      { path: '/customer', message: 'unknown customer' },
    ]);
  }
  const other = (await tx.monitors.list({ service })).find(
    (x) => x.id !== id && x.customer !== customer,
  );
  if (other) {
    throw new SuretyError(
      'conflict',
      `customer: service "${service}" already counts for ${other.customer === null ? 'no customer (it is shared)' : `customer "${other.customer}"`} (monitor "${other.id}"); every monitor of a service counts for the same contract`,
      [{ path: '/customer', message: 'differs from the other monitors of the service' }],
    );
  }
}

export const newPingKey = (): string => randomBytes(18).toString('base64url');
