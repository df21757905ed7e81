import { formatDuration } from '../../../domain/duration.js';
import { failed, passed } from '../check-result.js';
import { raceSignal, startDeadline } from '../deadline.js';
export function createHeartbeatChecker(lastPing) {
    async function checkHeartbeat(m, now, signal) {
        const started = performance.now();
        const elapsed = () => performance.now() - started;
        const subject = `heartbeat ${JSON.stringify(m.name)}`;
        const deadline = startDeadline(signal, m.timeoutMs);
        let state;
        try {
            state = await raceSignal(lastPing(m.id, deadline.signal), deadline.signal, () => undefined);
        }
        catch (error) {
            return failed(now, elapsed(), 'error', `${subject}: the last ping could not be read (${error instanceof Error ? error.message : String(error)})`);
        }
        finally {
            deadline.dispose();
        }
        if (!state) {
            return deadline.reason === 'aborted'
                ? failed(now, elapsed(), 'aborted', `${subject}: the check was cancelled`)
                : failed(now, elapsed(), 'timeout', `${subject}: the last ping could not be read within ${formatDuration(m.timeoutMs)}`);
        }
        const allowance = `it reports every ${formatDuration(m.periodMs)} with ${formatDuration(m.graceMs)} grace`;
        const dueBy = (state.lastPingAt ?? state.since) + m.periodMs + m.graceMs;
        const details = state.lastPingAt === undefined ? undefined : { lastPingAt: state.lastPingAt };
        if (now <= dueBy) {
            return passed(now, elapsed(), details, undefined, state.lastPingAt === undefined ? `${subject} is waiting for its first ping, due by ${iso(dueBy)}` : undefined);
        }
        if (state.lastPingAt === undefined) {
            return failed(now, elapsed(), 'never_pinged', `${subject} has never reported in; the first ping was due by ${iso(dueBy)} (${allowance})`);
        }
        return failed(now, elapsed(), 'late', `${subject} last reported ${formatDuration(now - state.lastPingAt)} ago (${iso(state.lastPingAt)}); ${allowance}`, details);
    }
    return { type: 'heartbeat', check: checkHeartbeat, close: async () => undefined };
}
function iso(ms) {
    return new Date(ms).toISOString();
}
//# sourceMappingURL=heartbeat.js.map