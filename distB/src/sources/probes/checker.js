export function runCheck(checkers, monitor, now, signal) {
    // The cast is the one place the union meets the per-type checker: the map's key guarantees it.
    return checkers[monitor.type].check(monitor, now, signal);
}
//# sourceMappingURL=checker.js.map