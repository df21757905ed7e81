/** Whether a series is one a selector names: its measurement, its field if given, every tag given. */
export function selectsSeries(selector, s) {
    if (selector.measurement !== s.measurement)
        return false;
    if (selector.field !== undefined && selector.field !== s.field)
        return false;
    for (const [k, v] of Object.entries(selector.tags ?? {}))
        if (s.tags[k] !== v)
            return false;
    return true;
}
//# sourceMappingURL=series-selector.js.map