// One contract every HTTP notification channel meets, against a real receiver on loopback.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  DeliveryError,
  type NotificationChannel,
  type OutgoingMessage,
} from '../../../src/consequences/channels/channel.js';
import type { ChannelSettings } from '../../../src/consequences/channels/settings.js';
import { buildChannel } from '../../../src/runtime/channels.js';
import { createLogger } from '../../../src/runtime/logger.js';
import {
  deadPort,
  startHttpReceiver,
  type HttpReceiver,
  type ReceiverKind,
} from '../helpers/receivers.js';

export const message = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: '42',
  title: '【加急】C-01 已超时：工单 #7（ACME）',
  body: 'First response missed on ticket #7 "Printer on fire" for ACME.',
  footer: 'Alert #3, level management. Acknowledge: surety alerts ack 3',
  severity: 'critical',
  eventType: 'clock.breached',
  language: 'zh',
  recipient: {
    id: 'wang',
    name: '王芳',
    email: 'wang@example.com',
    mobile: '13800000001',
    chatIds: { slack: 'U123', feishu: 'ou_abc', wecom: 'wangfang' },
  },
  payload: { alert: { id: 3 }, ticket: 7 },
  ...over,
});

/** `text(received body)`: where the channel's format puts the message text. */
export function runChannelContract(
  kind: ReceiverKind,
  options: { secret?: string; text: (body: any) => string },
) {
  describe(`the ${kind} channel`, () => {
    let receiver: HttpReceiver;
    let channel: NotificationChannel;
    const now = Date.parse('2026-10-05T08:00:00Z');
    before(async () => {
      receiver = await startHttpReceiver(kind, { secret: options.secret });
      const settings: ChannelSettings = {
        name: `test-${kind}`,
        type: kind,
        language: 'en',
        timeoutMs: 400,
        url: receiver.url,
        secret: options.secret,
        to: [],
      };
      channel = buildChannel(settings, createLogger('silent'));
    });
    after(async () => {
      await channel?.close();
      await receiver?.close();
    });
    beforeEach(() => {
      receiver.mode = 'ok';
      receiver.received.length = 0;
    });

    test('delivers the title and body, in Chinese as written, and names the recipient', async () => {
      const receipt = await channel.send(message(), now);
      assert.match(receipt.detail, /^HTTP 2\d\d/);
      assert.equal(receiver.received.length, 1);
      const text = options.text(receiver.received[0]!.body);
      assert.ok(text.includes('【加急】C-01 已超时：工单 #7（ACME）'), text);
      assert.ok(text.includes('Printer on fire'), text);
      assert.ok(
        /王芳|U123|ou_abc|13800000001|wangfang/.test(text) ||
          JSON.stringify(receiver.received[0]!.body).includes('13800000001'),
        `the recipient is named: ${text}`,
      );
      if (options.secret)
        assert.equal(receiver.received[0]!.signatureValid, true, 'the signature verifies');
    });

    if (options.secret) {
      test('a receiver that cannot verify the signature is a failure, not a delivery', async () => {
        const wrong = buildChannel(
          {
            name: 'wrong',
            type: kind,
            language: 'en',
            timeoutMs: 400,
            url: receiver.url,
            secret: 'not-the-secret',
            to: [],
          },
          createLogger('silent'),
        );
        await assert.rejects(
          wrong.send(message(), now),
          (err: unknown) => err instanceof DeliveryError && /127\.0\.0\.1/.test(err.message),
        );
        assert.equal(receiver.received[0]!.signatureValid, false);
      });
    }

    test('a 500 is a failure worth retrying, named with the host and never the token', async () => {
      receiver.mode = 'error500';
      await assert.rejects(channel.send(message(), now), (err: unknown) => {
        assert.ok(err instanceof DeliveryError);
        assert.equal(err.permanent, false);
        assert.match(err.message, /127\.0\.0\.1:\d+ answered 500/);
        assert.ok(!err.message.includes('SECRET-TOKEN'), err.message);
        return true;
      });
    });

    test('a receiver that hangs is given up after the timeout', async () => {
      receiver.mode = 'hang';
      const started = Date.now();
      await assert.rejects(
        channel.send(message(), now),
        (err: unknown) =>
          err instanceof DeliveryError &&
          !err.permanent &&
          /did not answer within 400 ms/.test(err.message),
      );
      assert.ok(Date.now() - started < 3000);
    });

    test('a redirect loop is a permanent failure', async () => {
      receiver.mode = 'redirect-loop';
      await assert.rejects(
        channel.send(message(), now),
        (err: unknown) =>
          err instanceof DeliveryError &&
          err.permanent &&
          /redirected more than 3 times/.test(err.message),
      );
    });

    test('nobody listening is a failure worth retrying', async () => {
      const dead = buildChannel(
        {
          name: 'dead',
          type: kind,
          language: 'en',
          timeoutMs: 400,
          url: `http://127.0.0.1:${await deadPort()}/hook?key=SECRET-TOKEN-9`,
          secret: options.secret,
          to: [],
        },
        createLogger('silent'),
      );
      await assert.rejects(
        dead.send(message(), now),
        (err: unknown) =>
          err instanceof DeliveryError &&
          !err.permanent &&
          /refused the connection/.test(err.message) &&
          !err.message.includes('SECRET'),
      );
    });
  });
}
