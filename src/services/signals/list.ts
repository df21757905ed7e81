import { Type } from 'typebox';
import { toIso } from '../../domain/time.js';
import { strictObject } from '../../validation/schema-kit.js';
import { scopeOf } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';

export const ListSignalsInput = strictObject({
  after: Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,15}$',
      description: 'the id of the last signal seen; the stream continues after it',
    }),
  ),
  limit: Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,4}$',
      description: 'at most this many (100 by default, 1000 at most)',
    }),
  ),
  type: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'only this type, like clock.breached or metric.anomaly',
    }),
  ),
});

/**
 * The event stream: every warning, breach, recovery and anomaly, in the order recorded.
 * A reader keeps the last id and asks for what came after; customers see their own.
 */
export async function listSignals({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  const q = parseInput(ListSignalsInput, input, 'invalid signal query');
  const limit = Math.min(Number(q.limit ?? 100), 1000);
  const customer = scopeOf(ctx.caller);
  const signals = await ctx.store.signals.after(Number(q.after ?? 0), limit, {
    ...(customer ? { customer } : {}),
    ...(q.type ? { type: q.type } : {}),
  });
  return {
    signals: signals.map((s) => ({
      id: s.id,
      type: s.type,
      at: toIso(s.at),
      recordedAt: toIso(s.recordedAt),
      subject: { type: s.subjectType, id: s.subjectId },
      commitment: s.commitment,
      customer: s.customer,
      data: s.data,
    })),
    next: signals.length > 0 ? signals[signals.length - 1]!.id : Number(q.after ?? 0),
  };
}
