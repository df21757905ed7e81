import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTcpChecker } from '../../../src/adapters/probes/tcp-checker.js';
import { runCheckerContract } from '../../sources/probes/checker.contract.js';
import { tcpMonitor } from '../../sources/probes/helpers/monitors.js';
import {
  blackHolePort,
  closedPort,
  silentTarget,
  type Target,
} from '../../sources/probes/helpers/targets.js';

runCheckerContract({
  name: 'tcp',
  async setup() {
    const open = await silentTarget();
    const closed = await closedPort();
    const hole = await blackHolePort();
    return {
      checker: createTcpChecker(),
      good: () => tcpMonitor(open.port),
      bad: () => tcpMonitor(closed),
      silent: () => tcpMonitor(hole.port),
      close: async () => {
        await open.close();
        await hole.close();
      },
    };
  },
});

describe('tcp checker against real ports', () => {
  const checker = createTcpChecker();
  let open: Target;
  before(async () => {
    open = await silentTarget();
  });
  after(() => open.close());
  const check = (m: ReturnType<typeof tcpMonitor>) =>
    checker.check(m, Date.now(), new AbortController().signal);

  test('an open port passes and the connection is closed again', async () => {
    const r = await check(tcpMonitor(open.port));
    assert.equal(r.ok, true);
    assert.equal(r.message, undefined);
    assert.equal(open.connections, 1);
  });

  test('a port nothing listens on is refused, said in words', async () => {
    const port = await closedPort();
    const r = await check(tcpMonitor(port));
    assert.equal(r.cause, 'refused');
    assert.equal(
      r.message,
      `TCP 127.0.0.1:${port} refused the connection (nothing listens on that port)`,
    );
    assert.equal(r.details?.code, 'ECONNREFUSED');
  });

  test('a port that never completes the handshake times out', async () => {
    const hole = await blackHolePort();
    try {
      const r = await check(tcpMonitor(hole.port, { timeout: '200ms' }));
      assert.equal(r.cause, 'timeout');
      assert.equal(
        r.message,
        `TCP 127.0.0.1:${hole.port} did not accept a connection within 200ms`,
      );
    } finally {
      await hole.close();
    }
  });

  test('an unknown host name is a dns failure', async () => {
    const r = await check(tcpMonitor(80, { host: 'no-such-host.invalid' }));
    assert.equal(r.cause, 'dns', r.message);
  });
});
