import type { Instant } from '../../domain/time.js';
import type { Policy } from '../../policy/policy.js';
import type { Store } from '../store/index.js';
import { POLICY_FILE, recordAudit } from '../audit/record.js';
import { newPingKey, retire } from './save.js';
import { settleService } from './settle-service.js';

/**
 * Makes the stored monitors and maintenance windows match the policy file: new ones are added,
 * changed ones replaced, and those no longer in the file retired (their history stays). Monitors
 * created over the API are left alone unless the file now declares the same id.
 */
export async function syncPolicyAvailability(
  store: Store,
  policy: Policy,
  now: Instant,
): Promise<{ monitors: number; retired: number; windows: number }> {
  return store.transaction(async (tx) => {
    let changed = 0;
    let retired = 0;
    const declared = new Set<string>();
    for (const pm of policy.availability.monitors) {
      const m = pm.monitor;
      declared.add(m.id);
      const existing = await tx.monitors.get(m.id);
      const same =
        existing &&
        existing.removedAt === null &&
        existing.source === 'policy' &&
        JSON.stringify(existing.definition) === JSON.stringify(pm.definition) &&
        JSON.stringify(existing.locations) === JSON.stringify(pm.locations);
      if (same) continue;
      await tx.monitors.upsert({
        id: m.id,
        service: m.service,
        customer: m.customer ?? null,
        type: m.type,
        definition: pm.definition,
        locations: pm.locations,
        source: 'policy',
        pingKey: m.type === 'heartbeat' ? (existing?.pingKey ?? newPingKey()) : null,
        createdAt: existing && existing.removedAt === null ? existing.createdAt : now,
        updatedAt: now,
        removedAt: null,
      });
      await recordAudit(tx, now, POLICY_FILE, [
        { action: existing ? 'monitor.replaced' : 'monitor.created', type: 'monitor', id: m.id },
      ]);
      changed++;
    }
    for (const row of await tx.monitors.list()) {
      if (row.source !== 'policy' || declared.has(row.id)) continue;
      await retire(tx, row, now);
      await recordAudit(tx, now, POLICY_FILE, [
        { action: 'monitor.removed', type: 'monitor', id: row.id },
      ]);
      await settleService(tx, policy, row.service, now, now);
      retired++;
    }

    const keys = new Set(policy.availability.maintenance.map((w) => w.key));
    const stored = (await tx.maintenance.list()).filter((w) => w.source === 'policy');
    for (const w of stored)
      if (!keys.has(w.policyKey ?? '')) {
        await tx.maintenance.cancel(w.id, now);
        await recordAudit(tx, now, POLICY_FILE, [
          { action: 'maintenance.cancelled', type: 'maintenance', id: w.id },
        ]);
      }
    let windows = 0;
    for (const w of policy.availability.maintenance) {
      if (stored.some((s) => s.policyKey === w.key)) continue;
      const id = await tx.maintenance.insert({
        service: w.service ?? null,
        title: w.title,
        kind: w.window.kind,
        spec: w.window.kind === 'recurring' ? w.spec : null,
        from: w.window.kind === 'once' ? w.window.from : null,
        to: w.window.kind === 'once' ? w.window.to : null,
        declaredAt: now,
        until: null,
        source: 'policy',
        policyKey: w.key,
        createdBy: 'policy',
        cancelledAt: null,
      });
      await recordAudit(tx, now, POLICY_FILE, [
        { action: 'maintenance.declared', type: 'maintenance', id },
      ]);
      windows++;
    }
    return { monitors: changed, retired, windows };
  });
}
