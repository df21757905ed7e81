import { sweepClocks } from '../services/clocks/sweep.js';
/**
 * Settles clocks as their warnings and deadlines pass, every `intervalMs`. Runs never
 * overlap; a failed run is logged and the next one tries again.
 */
export function startSweeper(ctx, logger, intervalMs = 1000) {
    let running = Promise.resolve([]);
    let timer;
    let stopped = false;
    const runOnce = () => {
        running = running.then(async () => {
            try {
                const { signals } = await sweepClocks({ ctx });
                for (const s of signals)
                    logger.info({ signal: s.type, subject: `${s.subjectType}:${s.subjectId}`, commitment: s.commitment, at: new Date(s.at).toISOString() }, 'clock changed');
                return signals;
            }
            catch (err) {
                logger.error({ err }, 'clock sweep failed; retrying on the next tick');
                return [];
            }
        });
        return running;
    };
    const tick = () => {
        if (stopped)
            return;
        void runOnce().finally(() => {
            if (!stopped)
                timer = setTimeout(tick, intervalMs);
        });
    };
    if (intervalMs > 0)
        timer = setTimeout(tick, intervalMs);
    return {
        runOnce,
        async stop() {
            stopped = true;
            if (timer)
                clearTimeout(timer);
            await running;
        },
    };
}
//# sourceMappingURL=sweeper.js.map