import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  DeliveryError,
  type NotificationChannel,
} from '../../../src/consequences/channels/channel.js';
import { buildChannel } from '../../../src/runtime/channels.js';
import { createLogger } from '../../../src/runtime/logger.js';
import { deadPort, startSmtpRecorder, type SmtpRecorder } from '../helpers/receivers.js';
import { message } from './channel.contract.js';

describe('the email channel', () => {
  let smtp: SmtpRecorder;
  let channel: NotificationChannel;
  const now = Date.parse('2026-10-05T08:00:00Z');
  const settings = (port: number) => ({
    name: 'mail',
    type: 'email' as const,
    language: 'en' as const,
    timeoutMs: 2000,
    smtp: { host: '127.0.0.1', port, secure: false, verifyCertificate: false },
    from: 'Surety <surety@example.com>',
    to: ['desk@example.com'],
  });
  before(async () => {
    smtp = await startSmtpRecorder();
    channel = buildChannel(settings(smtp.port), createLogger('silent'));
  });
  after(async () => {
    await channel?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.refuse = null;
    smtp.messages.length = 0;
  });

  test('sends to the person, with the Chinese subject intact and a stable Message-ID', async () => {
    const receipt = await channel.send(message(), now);
    assert.match(receipt.detail, /^250/);
    assert.equal(smtp.messages.length, 1);
    const m = smtp.messages[0]!;
    assert.equal(m.subject, '【加急】C-01 已超时：工单 #7（ACME）');
    assert.deepEqual(
      (Array.isArray(m.to) ? m.to : [m.to]).flatMap((t) => t!.value.map((v) => v.address)),
      ['wang@example.com'],
    );
    assert.match(m.text ?? '', /Printer on fire/);
    assert.match(m.text ?? '', /surety alerts ack 3/);
    assert.equal(m.messageId, '<notification-42@example.com>');
    assert.equal(m.headers.get('x-surety-event'), 'clock.breached');
  });

  test("a message for no one goes to the channel's own addresses", async () => {
    await channel.send(message({ recipient: undefined }), now);
    assert.deepEqual(
      (Array.isArray(smtp.messages[0]!.to) ? smtp.messages[0]!.to : [smtp.messages[0]!.to]).flatMap(
        (t) => t!.value.map((v) => v.address),
      ),
      ['desk@example.com'],
    );
  });

  test('a person without an address cannot be reached through it, and it says why', () => {
    assert.equal(
      channel.unreachable({ id: 'x', name: 'Xu', chatIds: {} }),
      'Xu has no e-mail address',
    );
    assert.equal(channel.unreachable(undefined), undefined);
  });

  test('a server that refuses the recipient is a permanent failure with its reply', async () => {
    smtp.refuse = '550 mailbox unavailable';
    await assert.rejects(channel.send(message(), now), (err: unknown) => {
      assert.ok(err instanceof DeliveryError);
      assert.equal(err.permanent, true);
      assert.match(err.message, /127\.0\.0\.1:\d+ refused.*550.*mailbox unavailable/);
      return true;
    });
  });

  test('a server that is not there is a failure worth retrying', async () => {
    const port = await deadPort();
    const dead = buildChannel(settings(port), createLogger('silent'));
    await assert.rejects(
      dead.send(message(), now),
      (err: unknown) =>
        err instanceof DeliveryError &&
        !err.permanent &&
        err.message.includes(`127.0.0.1:${port} refused the connection`),
    );
    await dead.close();
  });
});
