import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contract, T0 } from './contract.js';

await contract('service states', (store) => {
  test('a service’s state is absent until set, then the last one set', async () => {
    const s = store();
    assert.equal(await s.serviceStates.get('api'), undefined);
    await s.serviceStates.set('api', 'down', T0);
    await s.serviceStates.set('web', 'up', T0 + 1);
    assert.deepEqual(await s.serviceStates.get('api'), { state: 'down', since: T0 });
    await s.serviceStates.set('api', 'up', T0 + 60_000);
    assert.deepEqual(await s.serviceStates.get('api'), { state: 'up', since: T0 + 60_000 });
    assert.deepEqual(await s.serviceStates.get('web'), { state: 'up', since: T0 + 1 });
  });

  test('burn states: set per rule, moved by setting again, gone when cleared', async () => {
    const s = store();
    assert.deepEqual(await s.serviceStates.burnStates('api'), []);
    await s.serviceStates.setBurnState('api', 'slow', T0 + 5);
    await s.serviceStates.setBurnState('api', 'fast', T0);
    await s.serviceStates.setBurnState('web', 'fast', T0);
    assert.deepEqual(await s.serviceStates.burnStates('api'), [
      { rule: 'fast', since: T0 },
      { rule: 'slow', since: T0 + 5 },
    ]);
    assert.deepEqual(await s.serviceStates.servicesBurning(), ['api', 'web']);
    await s.serviceStates.setBurnState('api', 'fast', T0 + 10);
    await s.serviceStates.setBurnState('api', 'slow', null);
    assert.deepEqual(await s.serviceStates.burnStates('api'), [{ rule: 'fast', since: T0 + 10 }]);
    await s.serviceStates.setBurnState('web', 'fast', null);
    // Clearing a rule that is not firing changes nothing.
    await s.serviceStates.setBurnState('web', 'never', null);
    assert.deepEqual(await s.serviceStates.servicesBurning(), ['api']);
  });
});
