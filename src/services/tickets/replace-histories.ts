import { SuretyError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import type { Store } from '../store/index.js';
import { applyCorrection, sameHistory, type AppliedCorrection } from './correct-history.js';
import { prepare } from './import-prepare.js';

/** Existing tickets get the imported history as a correction; identical ones are left alone. */
export async function replaceHistories(
  tx: Store,
  ctx: ServiceContext,
  prepared: ReadonlyArray<ReturnType<typeof prepare>>,
  existing: ReadonlyMap<number, number>,
  meta: { reason: string; actor: string },
) {
  const applied: AppliedCorrection[] = [];
  let unchanged = 0;
  for (const [i, id] of existing) {
    const p = prepared[i]!;
    const current = (await tx.tickets.get(id, { lock: true }))!;
    const next = { ticket: p.ticket, events: p.events };
    if (sameHistory(current, next)) {
      unchanged++;
      continue;
    }
    try {
      applied.push(
        await applyCorrection(tx, ctx, current, next, {
          action: 'history_replaced',
          seq: null,
          reason: meta.reason,
          actor: meta.actor,
        }),
      );
    } catch (err) {
      if (err instanceof SuretyError)
        throw new SuretyError(
          err.code,
          `invalid import: tickets[${i}]: ${err.message}; nothing was imported`,
          err.details.map((d) => ({ ...d, path: `/tickets/${i}${d.path}` })),
        );
      throw err;
    }
  }
  return {
    applied,
    unchanged,
    breaches: applied.reduce((n, a) => n + a.clocks.filter((c) => c.breachedAt !== null).length, 0),
  };
}
