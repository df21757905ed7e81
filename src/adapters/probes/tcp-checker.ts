import net from 'node:net';
import { formatDuration } from '../../domain/duration.js';
import { failed, passed, type CheckResult } from '../../sources/probes/check-result.js';
import type { Checker } from '../../sources/probes/checker.js';
import { startDeadline } from '../../sources/probes/deadline.js';
import type { TcpMonitor } from '../../policy/monitors/monitor.js';
import { classifySocketError } from './socket-errors.js';

/** TCP checks: the port accepts a connection in time. Nothing is sent; the socket is closed at once. */
export function createTcpChecker(options: { localAddress?: string } = {}): Checker<TcpMonitor> {
  async function checkTcp(m: TcpMonitor, now: number, signal: AbortSignal): Promise<CheckResult> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const target = m.host.includes(':') ? `[${m.host}]:${m.port}` : `${m.host}:${m.port}`;
    const deadline = startDeadline(signal, m.timeoutMs);
    try {
      const error = await connect(m.host, m.port, deadline.signal, options.localAddress);
      if (!error) return passed(now, elapsed());
      if (deadline.reason === 'timeout')
        return failed(
          now,
          elapsed(),
          'timeout',
          `TCP ${target} did not accept a connection within ${formatDuration(m.timeoutMs)}`,
        );
      if (deadline.reason === 'aborted')
        return failed(now, elapsed(), 'aborted', `TCP ${target}: the check was cancelled`);
      const c = classifySocketError(error);
      return failed(
        now,
        elapsed(),
        c.cause,
        `TCP ${target} ${c.phrase}`,
        c.code ? { code: c.code } : undefined,
      );
    } finally {
      deadline.dispose();
    }
  }

  return { type: 'tcp', check: checkTcp, close: async () => undefined };
}

/** Resolves with undefined once connected, or with the error; never rejects. */
function connect(
  host: string,
  port: number,
  signal: AbortSignal,
  localAddress?: string,
): Promise<unknown> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(signal.reason);
    const socket = net.connect({ host, port, ...(localAddress ? { localAddress } : {}) });
    const finish = (error: unknown) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(error);
    };
    const onAbort = () => finish(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish(undefined));
    socket.on('error', finish); // stays attached: a destroyed socket may still report an error
  });
}
