import { DAY } from '../../domain/duration.js';
import { toIso, type Instant } from '../../domain/time.js';
import { evaluateBurnRules } from '../../evaluate/availability/burn-rate.js';
import { subtract } from '../../evaluate/availability/intervals.js';
import { errorBudgetPpm, PPM } from '../../evaluate/availability/slo.js';
import type { Policy } from '../../policy/policy.js';
import { availabilityTargets } from '../compliance/availability.js';
import { serviceIntervals } from '../compliance/service-intervals.js';
import { customerOfService } from '../monitors/catalog.js';
import type { NewSignal, Signal, Store } from '../store/index.js';

/**
 * The error budget both targets leave, as an SLO: the tighter of C-05 (99.9 % → 1,000 ppm) and
 * C-06 spread over a 30-day month (30 min → 694 ppm), so a burn rate of 1 spends exactly the
 * budget the compliance report counts against.
 */
export function effectiveSloPercent(uptimePercent: number, maxDowntimeMs: number): number {
  const ppm = Math.min(
    errorBudgetPpm(uptimePercent),
    Math.round((maxDowntimeMs * PPM) / (30 * DAY)),
  );
  return 100 - Math.max(1, ppm) / 10_000;
}

/**
 * Multi-window, multi-burn-rate alerts (Google SRE workbook) per service, from its unplanned
 * downtime across locations: `burn.fired` when both windows of a rule burn faster than its
 * factor, `burn.resolved` once its short window no longer does. Only services with downtime in
 * the longest window, or an alert firing, are looked at.
 */
export async function evaluateBurnAlerts(
  store: Store,
  policy: Policy,
  now: Instant,
): Promise<Signal[]> {
  const rules = policy.availability.burnRules;
  const longest = Math.max(...rules.map((r) => r.longWindowMs));
  const services = [
    ...new Set([
      ...(await store.downtimes.servicesDownBetween(now - longest, now)),
      ...(await store.serviceStates.servicesBurning()),
    ]),
  ];
  const out: Signal[] = [];
  for (const service of services) {
    const customerId = await customerOfService(store, service);
    const customer = customerId === null ? undefined : await store.customers.get(customerId);
    const targets = availabilityTargets(policy, customer, {
      from: now - 30 * DAY,
      to: now,
      isMonth: true,
    });
    const slo = effectiveSloPercent(targets.uptimePercent, targets.maxUnplannedDowntimeMs);
    const s = await serviceIntervals(store, policy, service, now - longest, now);
    const unplanned = subtract(s.view?.down ?? [], s.maintenance);
    const readings = evaluateBurnRules(unplanned, now, slo, rules);
    const firing = new Map(
      (await store.serviceStates.burnStates(service)).map((b) => [b.rule, b.since]),
    );
    const uptime = policy.commitments.find((c) => c.type === 'aggregate' && c.measure === 'uptime');
    out.push(
      ...(await store.transaction(async (tx) => {
        const signals: NewSignal[] = [];
        for (const r of readings) {
          const since = firing.get(r.rule.name);
          const data = {
            service,
            rule: r.rule.name,
            severity: r.rule.severity,
            factor: r.rule.factor,
            longWindowMs: r.rule.longWindowMs,
            shortWindowMs: r.rule.shortWindowMs,
            longRate: Math.round(r.longRate * 1000) / 1000,
            shortRate: Math.round(r.shortRate * 1000) / 1000,
            sloPercent: slo,
          };
          const base = {
            recordedAt: now,
            subjectType: 'service',
            subjectId: service,
            commitment: uptime?.id ?? null,
            customer: customerId,
          };
          if (since === undefined && r.firing) {
            await tx.serviceStates.setBurnState(service, r.rule.name, now);
            signals.push({
              ...base,
              at: now,
              type: 'burn.fired',
              data,
              dedupeKey: `burn:${service}:${r.rule.name}:fired:${now}`,
            });
          } else if (since !== undefined && !r.shortBurning) {
            await tx.serviceStates.setBurnState(service, r.rule.name, null);
            signals.push({
              ...base,
              at: now,
              type: 'burn.resolved',
              data: { ...data, firingSince: toIso(since) },
              dedupeKey: `burn:${service}:${r.rule.name}:resolved:${now}`,
            });
          }
        }
        return tx.signals.append(signals);
      })),
    );
  }
  return out;
}
