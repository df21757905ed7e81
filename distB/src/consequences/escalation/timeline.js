export function escalationSteps(policy, start, openedAt) {
    const from = Math.min(Math.max(0, start), policy.levels.length - 1);
    const offset = policy.levels[from].afterMs;
    const steps = [];
    for (let i = from; i < policy.levels.length; i++) {
        const level = policy.levels[i];
        steps.push({ index: steps.length, level: i, levelName: level.name, repeat: 0, at: openedAt + level.afterMs - offset, targets: level.notify });
    }
    const last = steps[steps.length - 1];
    for (let r = 1; r <= (policy.repeat?.times ?? 0); r++) {
        steps.push({ ...last, index: steps.length, repeat: r, at: last.at + r * policy.repeat.everyMs });
    }
    return steps;
}
/** The steps due by `now` that have not been taken (`done` taken so far), and when the next one falls. */
export function dueSteps(policy, start, openedAt, done, now) {
    const steps = escalationSteps(policy, start, openedAt);
    const due = steps.slice(done).filter((s) => s.at <= now);
    const next = steps[done + due.length];
    return { due, nextAt: next ? next.at : null };
}
/** The level to start at: a named one (expedite → management), else the first. Unknown names start at the top. */
export function startLevel(policy, name) {
    if (name === undefined)
        return 0;
    const i = policy.levels.findIndex((l) => l.name === name);
    return i >= 0 ? i : policy.levels.length - 1;
}
//# sourceMappingURL=timeline.js.map