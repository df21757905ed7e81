import { toIso, type Instant } from '../../domain/time.js';
import type { CheckupRun } from '../store/index.js';
import type { Signal, Store } from '../store/index.js';

/**
 * Health-check suites (a set of monitors run together, three times a day by default, kept as a
 * report) and stress tests (a bounded load run, or a result an external tool posts), with the
 * runs they were due and missed.
 */

export async function recordRun(
  store: Store,
  run: Omit<CheckupRun, 'id'>,
  now: Instant,
): Promise<{ run: CheckupRun; signals: Signal[] }> {
  return store.transaction(async (tx) => {
    const id = await tx.checkups.insert(run);
    const type = `${run.kind === 'health' ? 'healthcheck' : 'stress'}.${run.status}`;
    const signals = await tx.signals.append([
      {
        at: run.status === 'missed' ? (run.scheduledAt ?? run.startedAt) : run.finishedAt,
        recordedAt: now,
        type,
        subjectType: run.kind === 'health' ? 'healthcheck' : 'stress-test',
        subjectId: run.name,
        commitment: null,
        customer: null,
        data: {
          run: id,
          source: run.source,
          ...(run.scheduledAt !== null ? { scheduledAt: toIso(run.scheduledAt) } : {}),
          summary: run.report.summary ?? null,
        },
        dedupeKey: `checkup:${id}`,
      },
    ]);
    return { run: { ...run, id }, signals };
  });
}
