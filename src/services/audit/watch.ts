import type { Instant } from '../../domain/time.js';
import type { AuditCheckpoint, Store } from '../store/index.js';
import { checkpointAudit } from './checkpoint.js';
import type { AuditSigner } from './signer.js';
import { verifyAudit, type AuditVerification } from './verify.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * What the server does for the audit log without being asked: signs the head every hour and
 * checks the whole log every day, raising `audit.broken` (critical, so it pages like any
 * breach) when the check finds anything. Each job takes a lease for its interval, so among
 * several instances sharing a database one does it, once.
 */
export async function watchAudit(
  store: Store,
  signer: AuditSigner,
  now: Instant,
  owner: string,
): Promise<{ checkpoint?: AuditCheckpoint; verification?: AuditVerification }> {
  const out: { checkpoint?: AuditCheckpoint; verification?: AuditVerification } = {};
  if (await store.leases.claim('audit.checkpoint', owner, now + HOUR, now)) {
    const c = await checkpointAudit(store, signer, now);
    if (c) out.checkpoint = c;
  }
  if (await store.leases.claim('audit.verify', owner, now + DAY, now)) {
    const v = await verifyAudit({ store });
    out.verification = v;
    if (!v.ok)
      await store.signals.append([
        {
          at: now,
          recordedAt: now,
          type: 'audit.broken',
          subjectType: 'audit',
          subjectId: 'log',
          commitment: null,
          customer: null,
          data: {
            severity: 'critical',
            title: `the audit log does not verify: ${v.problems.length} problem${v.problems.length === 1 ? '' : 's'}`,
            problems: v.problems.slice(0, 20).map((p) => p.message),
            problemCount: v.problems.length,
            head: `${v.head.seq}:${v.head.hash}`,
          },
          dedupeKey: `audit:broken:${new Date(now).toISOString().slice(0, 10)}`,
        },
      ]);
  }
  return out;
}
