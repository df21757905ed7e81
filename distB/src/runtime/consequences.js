import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { consumeSignals } from '../services/alerts/consume-signals.js';
import { escalateDue } from '../services/alerts/escalate.js';
import { settleTicketAlerts } from '../services/alerts/settle.js';
import { recomputeCredits } from '../services/credits/recompute.js';
import { deliverNotification } from '../services/notifications/deliver.js';
/**
 * The background loop of the consequences stage. Signals are read through a persisted
 * cursor, alerts escalate on the injected clock, and the outbox is drained by a small pool;
 * a run that fails is logged and the next one tries again. Stopping waits for sends in flight,
 * so a restart resends nothing that was delivered.
 */
export function startConsequences(ctx, channels, logger, options) {
    const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    const concurrency = options.concurrency ?? 8;
    const inFlight = new Set();
    const maxTimeout = Math.max(10_000, ...[...ctx.policy.notifications.channels.values()].map((c) => c.timeoutMs));
    let stopped = false;
    let timer;
    let running = Promise.resolve();
    const send = (n) => {
        const p = deliverNotification({ ctx, channels, owner, log: logger, notification: n })
            .then(() => undefined)
            .catch((err) => logger.error({ err, notification: n.id }, 'delivering a notification failed unexpectedly; it is retried when its lease ends'))
            .finally(() => inFlight.delete(p));
        inFlight.add(p);
    };
    /** Claims what is due while there is room; returns how many it started. */
    const pump = async () => {
        const room = concurrency - inFlight.size;
        if (room <= 0 || stopped)
            return 0;
        const claimed = await ctx.store.notifications.claimDue(ctx.time.now(), room, ctx.time.now() + 2 * maxTimeout + 60_000, owner);
        claimed.forEach(send);
        return claimed.length;
    };
    const pass = async () => {
        const { opened, creditMonths } = await consumeSignals({ ctx });
        for (const a of opened)
            logger.info({ alert: a.id, type: a.type, severity: a.severity, expedite: a.expedite, route: a.route }, 'alert opened');
        for (const m of creditMonths) {
            try {
                await recomputeCredits({ ctx, input: { month: m.month, ...(m.customer === '*' ? {} : { customer: m.customer }) }, availability: options.availability });
            }
            catch (err) {
                logger.error({ err, month: m.month, customer: m.customer }, 'recomputing credits failed; the statement recomputes when it is read');
            }
        }
        await settleTicketAlerts({ ctx });
        await escalateDue({ ctx });
        // Drain what is due now: fall-overs make more due at once; retries wait for their time.
        for (;;) {
            await pump();
            if (inFlight.size === 0)
                break;
            await Promise.race(inFlight);
        }
    };
    const runOnce = () => {
        running = running.then(() => pass().catch((err) => {
            logger.error({ err }, 'the consequences pass failed; retrying on the next tick');
        }));
        return running;
    };
    const tick = () => {
        if (stopped)
            return;
        void runOnce().finally(() => {
            if (!stopped)
                timer = setTimeout(tick, options.intervalMs);
        });
    };
    if (options.intervalMs > 0)
        timer = setTimeout(tick, options.intervalMs);
    return {
        runOnce,
        async stop() {
            stopped = true;
            if (timer)
                clearTimeout(timer);
            await running;
            await Promise.all([...inFlight]);
        },
    };
}
//# sourceMappingURL=consequences.js.map