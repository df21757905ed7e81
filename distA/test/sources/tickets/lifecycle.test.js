import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEvent, initialState } from '../../../src/sources/tickets/lifecycle.js';
function run(types, kind = 'problem') {
    let s = initialState(kind, 'general');
    for (const type of types) {
        if (typeof s === 'string')
            return s;
        s = applyEvent(s, { type, rating: type === 'rated' ? 5 : undefined });
    }
    return s;
}
describe('ticket lifecycle', () => {
    test('the usual path: new → open → waiting → open → resolved → closed', () => {
        const steps = [
            ['acknowledged', 'open'],
            ['waiting_on_customer', 'waiting'],
            ['customer_replied', 'open'],
            ['resolved', 'resolved'],
            ['closed', 'closed'],
        ];
        let s = initialState('problem', 'general');
        assert.equal(s.status, 'new');
        for (const [type, status] of steps) {
            const next = applyEvent(s, { type });
            assert.notEqual(typeof next, 'string', `${type}: ${String(next)}`);
            s = next;
            assert.equal(s.status, status, type);
        }
    });
    test('a closed ticket is final', () => {
        for (const type of ['resolved', 'reopened', 'acknowledged', 'closed', 'customer_replied']) {
            const r = run(['closed', type]);
            assert.equal(typeof r, 'string', type);
            assert.match(r, /closed/);
        }
    });
    test('only a resolved ticket can be reopened', () => {
        assert.match(run(['reopened']), /reopened.*new/);
        assert.equal(run(['resolved', 'reopened']).status, 'open');
    });
    test('ratings come after resolution', () => {
        assert.equal(typeof run(['rated']), 'string');
        assert.equal(run(['resolved', 'rated']).rating, 5);
        assert.equal(run(['resolved', 'closed', 'rated']).rating, 5);
    });
    test('suggestions are decided once, and only suggestions', () => {
        assert.match(run(['adopted'], 'problem'), /suggestion/);
        assert.equal(run(['adopted'], 'suggestion').decision, 'adopted');
        assert.match(run(['adopted', 'rejected'], 'suggestion'), /already adopted/);
    });
    test('waiting twice is refused', () => {
        assert.match(run(['waiting_on_customer', 'waiting_on_customer']), /already waiting/);
    });
    test('classification corrects kind and priority', () => {
        const s = applyEvent(initialState('inquiry', 'general'), { type: 'classified', kind: 'problem', priority: 'urgent' });
        assert.equal(s.kind, 'problem');
        assert.equal(s.priority, 'urgent');
    });
});
//# sourceMappingURL=lifecycle.test.js.map