import { DateTime } from 'luxon';
/**
 * When a person's quiet period covering `t` ends, or null if `t` is not quiet for this
 * severity. A period starts on its listed weekdays and may run past midnight (22:00-08:00
 * starting on Friday ends on Saturday 08:00).
 */
export function quietUntil(q, t, severity) {
    if (q.exceptSeverities.includes(severity))
        return null;
    const local = DateTime.fromMillis(t, { zone: q.timezone });
    // The period that could cover t started today or, when it wraps midnight, yesterday.
    for (const back of [0, 1]) {
        const day = local.startOf('day').minus({ days: back });
        if (!q.days.includes(day.weekday))
            continue;
        const start = wallTime(day, q.start);
        const end = q.end > q.start ? wallTime(day, q.end) : wallTime(day.plus({ days: 1 }), q.end);
        if (start.toMillis() <= t && t < end.toMillis())
            return end.toMillis();
    }
    return null;
}
/** The local wall time `minutes` after midnight of `day` (set, not added, so DST days keep their clock). */
function wallTime(day, minutes) {
    if (minutes >= 1440)
        return day.plus({ days: 1 }).startOf('day');
    return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
}
//# sourceMappingURL=quiet-hours.js.map