/** Types that end an alert of the same cause rather than open one. */
export function isRecovery(type) {
    return /\.(recovered|resolved|closed|cleared)$/.test(type);
}
/** What an alert is about, across its opening and its recovery signals. */
export function causeKey(s) {
    return `${s.subjectType}:${s.subjectId}:${s.commitment ?? ''}`;
}
/** The service a signal is about: its data's `service`, or its series' `service` tag. */
export function serviceOf(s) {
    if (typeof s.data.service === 'string')
        return s.data.service;
    const series = s.data.series;
    return series?.tags?.service;
}
/** The consequences a signal names itself (metric rules carry theirs), else its commitment's. */
export function consequencesNamed(s, commitmentOnBreach) {
    for (const key of ['onBreach', 'onAnomaly', 'consequences']) {
        const v = s.data[key];
        if (Array.isArray(v))
            return v.filter((x) => typeof x === 'string');
    }
    if (s.commitment !== null && /\.breached$/.test(s.type))
        return commitmentOnBreach(s.commitment) ?? [];
    return [];
}
//# sourceMappingURL=event.js.map