import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderMessage, type MessageContext } from '../../../src/consequences/templates/render.js';

const context = (data: Record<string, unknown>, at: string): MessageContext => ({
  kind: 'page',
  alert: { expedite: false },
  event: { type: 'clock.breached', at, subject: { type: 'ticket', id: '42' }, data },
  commitment: { id: 'C-02', name: 'Urgent problem: solution provided' },
  customer: { id: 'acme', name: 'ACME Ltd' },
  ticket: { id: 42, subject: 'down' },
  recipient: null,
});

const render = (ctx: MessageContext, lang: 'en' | 'zh') =>
  renderMessage(new Map(), 'clock.breached', lang, ctx, 'UTC');

describe('the built-in clock.breached message', () => {
  test('a missed deadline names the deadline', () => {
    const ctx = context({ targetMs: 7_200_000, dueAt: 1_791_194_400_000 }, '2026-10-05T10:00:00Z');
    const en = render(ctx, 'en');
    assert.equal(en.templateError, undefined);
    assert.match(en.body, /for ACME Ltd: the deadline was 2026-10-05 10:00 \(UTC\)\./);
    assert.match(render(ctx, 'zh').body, /截止时间为 2026-10-05 10:00 \(UTC\)。/);
  });

  test('a close under closedWithoutSolution: breach says it was closed unsolved, and when it was due', () => {
    const ctx = context(
      { targetMs: 7_200_000, dueAt: 1_791_194_400_000, closedWithoutSolution: true },
      '2026-10-05T08:30:00Z',
    );
    const en = render(ctx, 'en');
    assert.equal(en.templateError, undefined);
    assert.match(
      en.body,
      /for ACME Ltd: it was closed at 2026-10-05 08:30 \(UTC\) without a solution \(due 2026-10-05 10:00 \(UTC\)\)\./,
    );
    const zh = render(ctx, 'zh');
    assert.equal(zh.templateError, undefined);
    assert.match(
      zh.body,
      /于 2026-10-05 08:30 \(UTC\) 未解决即关闭（截止时间 2026-10-05 10:00 \(UTC\)）。/,
    );
  });
});
