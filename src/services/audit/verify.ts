import {
  AUDIT_OBJECT_TYPES,
  NO_STATE,
  digestOf,
  type AuditHead,
  type AuditObject,
  type AuditObjectType,
} from '../../domain/audit.js';
import { toIso } from '../../domain/time.js';
import { ChainWalk, signatureHolds } from '../../evaluate/audit/chain.js';
import { chainPending } from './chain.js';
import type { AuditKey, AuditLatest, Store } from '../store/index.js';
import { snapshotsOf } from './snapshots.js';

export type AuditProblemKind = 'chain' | 'head' | 'checkpoint' | 'state';

export interface AuditProblem {
  readonly kind: AuditProblemKind;
  readonly message: string;
  readonly seq?: number | undefined;
  readonly object?: AuditObject | undefined;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  readonly checkpoints: number;
  readonly objects: number;
  readonly head: AuditHead;
  readonly problems: readonly AuditProblem[];
}

const PAGE = 5_000;

/**
 * Recomputes the whole chain, checks every signed checkpoint (and the head a report quoted, if
 * given) against it, and re-digests the current state of every audited object against its
 * latest entry. A change made behind Surety's back shows as one of these: an entry whose hash
 * no longer holds, a checkpoint the chain no longer reaches, or an object whose state is not
 * the state its last entry recorded.
 */
export async function verifyAudit({
  store,
  quotedHead,
  extraKeys = [],
}: {
  store: Store;
  quotedHead?: AuditHead | undefined;
  extraKeys?: readonly AuditKey[];
}): Promise<AuditVerification> {
  await chainPending(store, { wait: true });
  const problems: AuditProblem[] = [];
  const checkpoints = await store.audit.checkpoints(1_000_000);
  const walk = new ChainWalk([
    ...checkpoints.map((c) => c.seq),
    ...(quotedHead ? [quotedHead.seq] : []),
  ]);
  for (let after = 0; ;) {
    const page = await store.audit.list({ afterSeq: after, limit: PAGE });
    for (const e of page) walk.feed(e);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  for (const p of walk.problems) problems.push({ kind: 'chain', seq: p.seq, message: p.message });

  const stored = await store.audit.head();
  if (stored.seq !== walk.head.seq || stored.hash !== walk.head.hash)
    problems.push({
      kind: 'head',
      message: `the log's head is #${stored.seq}, but its last entry is #${walk.head.seq}: entries were removed or added behind Surety's back`,
    });

  const keys = new Map([...(await store.audit.keys()), ...extraKeys].map((k) => [k.keyId, k]));
  for (const c of checkpoints) {
    const at = walk.hashAt(c.seq);
    const when = toIso(c.at);
    if (at === undefined)
      problems.push({
        kind: 'checkpoint',
        seq: c.seq,
        message: `the checkpoint signed at ${when} covers entry #${c.seq}, which is no longer in the log`,
      });
    else if (at !== c.hash)
      problems.push({
        kind: 'checkpoint',
        seq: c.seq,
        message: `entry #${c.seq} is not the one signed at ${when}: the log up to it was rewritten`,
      });
    const key = keys.get(c.keyId);
    if (!key)
      problems.push({
        kind: 'checkpoint',
        seq: c.seq,
        message: `the checkpoint of #${c.seq} (${when}) is signed by an unknown key ${c.keyId.slice(0, 16)}`,
      });
    else if (!signatureHolds(key.publicKey, c, c.signature))
      problems.push({
        kind: 'checkpoint',
        seq: c.seq,
        message: `the signature of the checkpoint of #${c.seq} (${when}) does not hold`,
      });
  }
  if (quotedHead) {
    const at = walk.hashAt(quotedHead.seq);
    if (at !== quotedHead.hash)
      problems.push({
        kind: 'head',
        seq: quotedHead.seq,
        message:
          at === undefined
            ? `the quoted head #${quotedHead.seq} is not in the log`
            : `entry #${quotedHead.seq} is not the one quoted: the log up to it has changed since (its hash is ${at.slice(0, 12)}, the quote says ${quotedHead.hash.slice(0, 12)})`,
      });
  }

  // One pass over the entries in object order: the last entry of each object is its latest.
  let objects = 0;
  let batch: AuditLatest[] = [];
  let current: AuditLatest | undefined;
  for (let after: { type: string; id: string; seq: number } | undefined; ;) {
    const page = await store.audit.byObject(after, PAGE);
    for (const e of page) {
      if (current && (current.type !== e.type || current.id !== e.id)) {
        batch.push(current);
        objects++;
        if (batch.length >= 1_000) {
          problems.push(...(await stateProblems(store, batch)));
          batch = [];
        }
      }
      current = e;
    }
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { type: last.type, id: last.id, seq: last.seq };
  }
  if (current) {
    batch.push(current);
    objects++;
  }
  problems.push(...(await stateProblems(store, batch)));
  problems.push(...(await unaudited(store)));
  return {
    ok: problems.length === 0,
    entries: walk.count,
    checkpoints: checkpoints.length,
    objects,
    head: walk.head,
    problems,
  };
}

async function stateProblems(store: Store, latest: readonly AuditLatest[]) {
  const out: AuditProblem[] = [];
  for (const type of AUDIT_OBJECT_TYPES) {
    const mine = latest.filter((l) => l.type === type);
    if (mine.length === 0) continue;
    const states = await snapshotsOf(
      store,
      type,
      mine.map((l) => l.id),
    );
    mine.forEach((l, i) => {
      const digest = digestOf(states[i]);
      if (digest === l.digest) return;
      const name = `${type.replace('_', ' ')} ${l.id}`;
      out.push({
        kind: 'state',
        seq: l.seq,
        object: { type, id: l.id },
        message:
          digest === NO_STATE
            ? `${name} is gone, but its last audit entry #${l.seq} (${l.action}) recorded it: it was deleted behind Surety's back`
            : l.digest === NO_STATE
              ? `${name} exists again after its last audit entry #${l.seq} (${l.action}) recorded it gone`
              : `${name} does not match its last audit entry #${l.seq} (${l.action}): it was changed behind Surety's back`,
      });
    });
  }
  return out;
}

/** Objects the log has never heard of: written into the database behind Surety's back. */
async function unaudited(store: Store): Promise<AuditProblem[]> {
  const out: AuditProblem[] = [];
  const check = async (type: AuditObjectType, ids: readonly string[], name: string) => {
    const known = await store.audit.hasEntries(type, ids);
    for (const id of ids)
      if (!known.has(id))
        out.push({
          kind: 'state',
          object: { type, id },
          message: `${name} ${id} has no audit entry: it was written behind Surety's back`,
        });
  };
  await check(
    'customer',
    (await store.customers.list()).map((c) => c.id),
    'customer',
  );
  await check(
    'token',
    (await store.tokens.list()).map((t) => t.id),
    'token',
  );
  for (let after: { createdAt: number; id: number } | undefined; ;) {
    const page = await store.tickets.idsCreated(
      -8.64e15,
      8.64e15,
      undefined,
      undefined,
      1_000,
      after,
    );
    if (page.length === 0) break;
    await check(
      'ticket',
      page.map((p) => String(p.ticketId)),
      'ticket',
    );
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.ticketId };
  }
  return out;
}
