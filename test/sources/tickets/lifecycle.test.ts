import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TicketEventType } from '../../../src/domain/ticket.js';
import {
  applyEvent,
  initialState,
  type TicketState,
} from '../../../src/sources/tickets/lifecycle.js';

function run(
  types: TicketEventType[],
  kind: 'problem' | 'suggestion' = 'problem',
): TicketState | string {
  let s: TicketState | string = initialState(kind, 'general');
  for (const type of types) {
    if (typeof s === 'string') return s;
    s = applyEvent(s, { type, rating: type === 'rated' ? 5 : undefined });
  }
  return s;
}

describe('ticket lifecycle', () => {
  test('the usual path: new → open → waiting → open → resolved → closed', () => {
    const steps: Array<[TicketEventType, string]> = [
      ['acknowledged', 'open'],
      ['waiting_on_customer', 'waiting'],
      ['customer_replied', 'open'],
      ['resolved', 'resolved'],
      ['closed', 'closed'],
    ];
    let s: TicketState = initialState('problem', 'general');
    assert.equal(s.status, 'new');
    for (const [type, status] of steps) {
      const next = applyEvent(s, { type });
      assert.notEqual(typeof next, 'string', `${type}: ${String(next)}`);
      s = next as TicketState;
      assert.equal(s.status, status, type);
    }
  });

  test('a closed ticket is final', () => {
    for (const type of [
      'resolved',
      'reopened',
      'acknowledged',
      'closed',
      'customer_replied',
    ] as const) {
      const r = run(['closed', type]);
      assert.equal(typeof r, 'string', type);
      assert.match(r as string, /closed/);
    }
  });

  test('only a resolved ticket can be reopened', () => {
    assert.match(run(['reopened']) as string, /reopened.*new/);
    assert.equal((run(['resolved', 'reopened']) as TicketState).status, 'open');
  });

  test('ratings come after resolution', () => {
    assert.equal(typeof run(['rated']), 'string');
    assert.equal((run(['resolved', 'rated']) as TicketState).rating, 5);
    assert.equal((run(['resolved', 'closed', 'rated']) as TicketState).rating, 5);
  });

  test('suggestions are decided once, and only suggestions', () => {
    assert.match(run(['adopted'], 'problem') as string, /suggestion/);
    assert.equal((run(['adopted'], 'suggestion') as TicketState).decision, 'adopted');
    assert.match(run(['adopted', 'rejected'], 'suggestion') as string, /already adopted/);
  });

  test('waiting twice is refused', () => {
    assert.match(run(['waiting_on_customer', 'waiting_on_customer']) as string, /already waiting/);
  });

  test('classification corrects kind and priority', () => {
    const s = applyEvent(initialState('inquiry', 'general'), {
      type: 'classified',
      kind: 'problem',
      priority: 'urgent',
    }) as TicketState;
    assert.equal(s.kind, 'problem');
    assert.equal(s.priority, 'urgent');
  });
});
