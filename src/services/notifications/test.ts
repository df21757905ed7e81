import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import { SuretyError } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { notificationView } from '../alerts/view.js';

export const TestNotificationInput = strictObject({
  channel: Type.String({ minLength: 1, description: 'the channel to try' }),
  person: Type.Optional(
    Type.String({ minLength: 1, description: 'address the message to this person' }),
  ),
});

/** Queues a test message through one channel (no fall-over), to check its settings. */
export async function sendTestNotification({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}) {
  requireRole(ctx.caller, ['admin'], 'sending a test notification');
  const body = parseInput(TestNotificationInput, input, 'invalid test notification');
  const n = ctx.policy.notifications;
  if (!n.channels.has(body.channel))
    throw new SuretyError(
      'unknown_reference',
      `channel: no enabled channel is named "${body.channel}"; known: ${[...n.channels.keys()].join(', ') || 'none'}`,
    );
  const person = body.person === undefined ? undefined : n.people.get(body.person);
  if (body.person !== undefined && !person)
    throw new SuretyError('unknown_reference', `person: no person is named "${body.person}"`);
  const now = ctx.time.now();
  const key = `test:${randomUUID()}`;
  await ctx.store.notifications.enqueue([
    {
      dedupeKey: key,
      alertId: null,
      kind: 'test',
      recipient: person?.id ?? null,
      recipientName: person?.name ?? null,
      channels: [body.channel],
      language: person?.language ?? null,
      template: 'notification.test',
      context: {
        facts: {
          event: {
            type: 'notification.test',
            at: toIso(now),
            subject: { type: 'channel', id: body.channel },
            data: {},
          },
          commitment: null,
          customer: null,
          ticket: null,
        },
        alert: null,
        recipient: person ? { name: person.name } : null,
        channel: body.channel,
        sentAt: toIso(now),
      },
      severity: 'info',
      notBefore: now,
      createdAt: now,
    },
  ]);
  const { notifications } = await ctx.store.notifications.list({ limit: 20, offset: 0 });
  return notificationView(notifications.find((x) => x.dedupeKey === key)!);
}
