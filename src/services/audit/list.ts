import { Type } from 'typebox';
import { chainPending } from './chain.js';
import {
  AUDIT_OBJECT_TYPES,
  formatHead,
  type AuditEntry,
  type AuditObjectType,
} from '../../domain/audit.js';
import { invalidInput } from '../../domain/errors.js';
import { parseInstant, toIso } from '../../domain/time.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import type { AuditCheckpoint } from '../store/index.js';
import type { AuditSigner } from './signer.js';

export const ListAuditInput = strictObject({
  from: Type.Optional(Type.String({ description: 'entries recorded at or after (RFC 3339)' })),
  to: Type.Optional(Type.String({ description: 'entries recorded before (RFC 3339)' })),
  object: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'one object ("ticket:12", "credit_line:2026-10/acme/ticket:12:C-01") or a type ("ticket")',
    }),
  ),
  actor: Type.Optional(Type.String({ minLength: 1, description: 'a token id, "cli", "system"' })),
  after: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,15}$', description: 'the last sequence number seen' }),
  ),
  limit: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,4}$', description: '100 by default, 1000 at most' }),
  ),
});

/** GET /audit: the log's entries, oldest first, for the admin and the assessor. */
export async function listAudit({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'auditor'], 'reading the audit log');
  const q = parseInput(ListAuditInput, input, 'invalid audit query');
  const object = q.object === undefined ? undefined : parseObject(q.object);
  const limit = Math.min(Number(q.limit ?? 100), 1000);
  await chainPending(ctx.store, { wait: true });
  const entries = await ctx.store.audit.list({
    from: instant(q.from, 'from'),
    to: instant(q.to, 'to'),
    objectType: object?.type,
    objectId: object?.id,
    actor: q.actor,
    afterSeq: q.after === undefined ? undefined : Number(q.after),
    limit,
  });
  return {
    entries: entries.map(auditEntryView),
    next: entries.length === limit ? String(entries[entries.length - 1]!.seq) : null,
  };
}

/** GET /audit/head: where the log stands and its latest signed checkpoint; any token may ask. */
export async function auditHead({ ctx }: { ctx: ServiceContext }) {
  await chainPending(ctx.store, { wait: true });
  const head = await ctx.store.audit.head();
  const checkpoint = await ctx.store.audit.latestCheckpoint();
  return {
    seq: head.seq,
    hash: head.hash,
    head: formatHead(head),
    checkpoint: checkpoint ? checkpointView(checkpoint) : null,
  };
}

export function auditEntryView(e: AuditEntry) {
  return {
    seq: e.seq,
    at: toIso(e.at),
    actor: { id: e.actor.id, name: e.actor.name ?? null },
    action: e.action,
    object: e.object,
    digest: e.digest,
    reason: e.reason ?? null,
    prev: e.prev,
    hash: e.hash,
  };
}

export function checkpointView(c: AuditCheckpoint) {
  return {
    seq: c.seq,
    hash: c.hash,
    at: toIso(c.at),
    keyId: c.keyId,
    signature: c.signature,
    algorithm: 'Ed25519',
  };
}

function parseObject(text: string): { type: AuditObjectType; id?: string } {
  const colon = text.indexOf(':');
  const type = colon < 0 ? text : text.slice(0, colon);
  if (!(AUDIT_OBJECT_TYPES as readonly string[]).includes(type))
    throw invalidInput(
      `invalid audit query: object: "${type}" is not an audited type; one of ${AUDIT_OBJECT_TYPES.join(', ')}`,
      [{ path: '/object', message: 'unknown type' }],
    );
  return colon < 0
    ? { type: type as AuditObjectType }
    : { type: type as AuditObjectType, id: text.slice(colon + 1) };
}

function instant(text: string | undefined, field: string) {
  if (text === undefined) return undefined;
  const t = parseInstant(text);
  if (t === undefined)
    throw invalidInput(`invalid audit query: ${field}: "${text}" is not an RFC 3339 date-time`, [
      { path: `/${field}`, message: 'not a date-time' },
    ]);
  return t;
}

/** GET /audit/key (public): the key signing now, and every key that ever signed this log. */
export async function auditKeys({
  ctx,
  signer,
}: {
  ctx: Pick<ServiceContext, 'store'>;
  signer: AuditSigner | undefined;
}) {
  const keys = await ctx.store.audit.keys();
  return {
    algorithm: 'Ed25519',
    keyId: signer?.keyId ?? null,
    publicKey: signer?.publicKey ?? null,
    keys: keys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey, since: toIso(k.createdAt) })),
  };
}
