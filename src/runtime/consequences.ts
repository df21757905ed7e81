import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { consumeSignals } from '../services/alerts/consume-signals.js';
import { escalateDue } from '../services/alerts/escalate.js';
import { settleTicketAlerts } from '../services/alerts/settle.js';
import type { ServiceContext } from '../services/context.js';
import { recomputeCredits } from '../services/credits/recompute.js';
import type { AvailabilityCreditFacts } from '../services/credits/availability-credit-facts.js';
import { deliverNotification } from '../services/notifications/deliver.js';
import { type ChannelSet } from '../services/notifications/delivery-types.js';
import type { StoredNotification } from '../services/store/index.js';
import { periodicPass } from './periodic-pass.js';

export interface Consequences {
  /** One full pass: read signals, settle and escalate alerts, deliver everything due now. Tests drive time with this. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export interface ConsequenceOptions {
  readonly intervalMs: number;
  /** Notifications in flight at once: a hanging receiver holds one slot, never the queue. */
  readonly concurrency?: number;
  readonly availability?: AvailabilityCreditFacts | undefined;
}

/**
 * The background loop of the consequences stage. Signals are read through a persisted
 * cursor, alerts escalate on the injected clock, and the outbox is drained by a small pool;
 * a run that fails is logged and the next one tries again. Stopping waits for sends in flight,
 * so a restart resends nothing that was delivered.
 */
export function startConsequences(
  ctx: ServiceContext,
  channels: ChannelSet,
  logger: Logger,
  options: ConsequenceOptions,
): Consequences {
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const concurrency = options.concurrency ?? 8;
  const inFlight = new Set<Promise<void>>();
  const maxTimeout = Math.max(
    10_000,
    ...[...ctx.policy.notifications.channels.values()].map((c) => c.timeoutMs),
  );
  let stopped = false;

  const send = (n: StoredNotification) => {
    const p = deliverNotification({ ctx, channels, owner, log: logger, notification: n })
      .then(() => undefined)
      .catch((err) =>
        logger.error(
          { err, notification: n.id },
          'delivering a notification failed unexpectedly; it is retried when its lease ends',
        ),
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  /** Claims what is due while there is room; returns how many it started. */
  const pump = async (): Promise<number> => {
    const room = concurrency - inFlight.size;
    if (room <= 0 || stopped) return 0;
    const claimed = await ctx.store.notifications.claimDue(
      ctx.time.now(),
      room,
      ctx.time.now() + 2 * maxTimeout + 60_000,
      owner,
    );
    claimed.forEach(send);
    return claimed.length;
  };

  const pass = async () => {
    const { opened, creditMonths } = await consumeSignals({ ctx });
    for (const a of opened)
      logger.info(
        { alert: a.id, type: a.type, severity: a.severity, expedite: a.expedite, route: a.route },
        'alert opened',
      );
    for (const m of creditMonths) {
      try {
        await recomputeCredits({
          ctx,
          input: { month: m.month, ...(m.customer === '*' ? {} : { customer: m.customer }) },
          availability: options.availability,
        });
      } catch (err) {
        logger.error(
          { err, month: m.month, customer: m.customer },
          'recomputing credits failed; the statement recomputes when it is read',
        );
      }
    }
    await settleTicketAlerts({ ctx });
    await escalateDue({ ctx });
    // Drain what is due now: fall-overs make more due at once; retries wait for their time.
    for (;;) {
      await pump();
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }
  };

  const loop = periodicPass<void>({
    intervalMs: options.intervalMs,
    fallback: undefined,
    pass,
    onError: (err) =>
      logger.error({ err }, 'the consequences pass failed; retrying on the next tick'),
  });

  return {
    runOnce: loop.runOnce,
    async stop() {
      stopped = true;
      await loop.stop();
      await Promise.all([...inFlight]);
    },
  };
}
