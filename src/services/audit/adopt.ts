import type { Instant } from '../../domain/time.js';
import type { Store } from '../store/index.js';
import { recordAudit, type AuditedWrite } from './record.js';

const ADOPTER = { id: 'system', name: 'the audit log, adopting what was recorded before it' };
const PAGE = 1_000;

/**
 * The first start with an audit log over a database that already holds a record: every
 * object it has is entered as it stands ("ticket.adopted"), so from here on a change behind
 * Surety's back to anything, old or new, is found. Does nothing once the log has begun.
 */
export async function adoptExistingRecord(store: Store, now: Instant): Promise<number> {
  if ((await store.audit.head()).seq > 0) return 0;
  // Two instances upgrading at once may both adopt: the log then says so twice, still whole.
  const adopt = (writes: AuditedWrite[]) =>
    store.transaction((tx) => recordAudit(tx, now, ADOPTER, writes));
  let adopted = 0;
  const batch = async (type: AuditedWrite['type'], ids: readonly (string | number)[]) => {
    for (let i = 0; i < ids.length; i += PAGE) {
      const writes = ids.slice(i, i + PAGE).map((id) => ({ action: `${type}.adopted`, type, id }));
      await adopt(writes);
      adopted += writes.length;
    }
  };
  await batch(
    'customer',
    (await store.customers.list()).map((c) => c.id),
  );
  await batch(
    'token',
    (await store.tokens.list()).map((t) => t.id),
  );
  await batch(
    'monitor',
    (await store.monitors.list({ includeRemoved: true })).map((m) => m.id),
  );
  await batch(
    'maintenance',
    (await store.maintenance.list({ all: true })).map((m) => m.id),
  );
  await batch(
    'improvement',
    (await store.improvements.list({ limit: 1_000_000 })).map((i) => i.id),
  );
  for (let offset = 0; ; offset += PAGE) {
    const { incidents } = await store.incidents.list({ limit: PAGE, offset });
    await batch(
      'incident',
      incidents.map((i) => i.id),
    );
    if (incidents.length < PAGE) break;
  }
  for (let after: { createdAt: number; id: number } | undefined; ;) {
    const page = await store.tickets.idsCreated(
      -8.64e15,
      8.64e15,
      undefined,
      undefined,
      PAGE,
      after,
    );
    if (page.length === 0) break;
    await batch(
      'ticket',
      page.map((p) => p.ticketId),
    );
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.ticketId };
  }
  return adopted;
}
