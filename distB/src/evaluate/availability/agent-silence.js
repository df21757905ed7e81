import { conflict, invalidInput } from '../../domain/errors.js';
/** `reports`: the instants at which the agent was heard from (any result, or its heartbeat), in time order. */
export function agentSilence(reports, options, now) {
    const limit = options.silentAfterMs;
    if (!(limit > 0))
        throw invalidInput(`silentAfterMs must be positive, not ${limit}`);
    const unknown = [];
    let last = null;
    for (const at of reports) {
        if (at > now)
            break;
        if (last !== null && at < last) {
            throw conflict(`agent reports must come in time order: ${new Date(at).toISOString()} came after ${new Date(last).toISOString()}`);
        }
        const prev = last ?? options.since;
        if (prev !== undefined && at - prev > limit)
            unknown.push({ from: prev, to: at, open: false });
        last = at;
    }
    const prev = last ?? options.since;
    if (prev !== undefined && now - prev > limit) {
        unknown.push({ from: prev, to: now, open: true });
        return { unknown, silent: { since: prev, noticedAt: prev + limit } };
    }
    return { unknown, silent: null };
}
//# sourceMappingURL=agent-silence.js.map