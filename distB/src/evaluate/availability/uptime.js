import { clip, intersect, subtract, totalLength } from './intervals.js';
import { allowedDownMs, errorBudgetPpm } from './slo.js';
export function availability(input) {
    const { window, targets } = input;
    const maintenance = clip(input.maintenance, window);
    const down = clip(input.down, window);
    const planned = intersect(down, maintenance);
    const unplanned = subtract(down, maintenance);
    const totalMs = Math.max(0, window.to - window.from);
    const maintenanceMs = totalLength(maintenance);
    const measuredMs = totalMs - maintenanceMs;
    const unplannedMs = totalLength(unplanned);
    const ppm = errorBudgetPpm(targets.uptimePercent);
    const byUptime = allowedDownMs(measuredMs, ppm);
    const allowedMs = Math.min(byUptime, targets.maxUnplannedDowntimeMs);
    const remainingMs = allowedMs - unplannedMs;
    return {
        window,
        totalMs,
        maintenanceMs,
        measuredMs,
        plannedDowntimeMs: totalLength(planned),
        unplannedDowntimeMs: unplannedMs,
        unmonitoredMs: totalLength(clip(input.unknown ?? [], window)),
        planned,
        unplanned,
        uptime: {
            targetPercent: targets.uptimePercent,
            // One division of exact integers: the nearest double to the true percentage.
            valuePercent: measuredMs === 0 ? null : ((measuredMs - unplannedMs) * 100) / measuredMs,
            met: unplannedMs <= byUptime,
        },
        downtime: { targetMs: targets.maxUnplannedDowntimeMs, valueMs: unplannedMs, met: unplannedMs <= targets.maxUnplannedDowntimeMs },
        budget: {
            allowedMs,
            usedMs: unplannedMs,
            remainingMs,
            consumed: allowedMs === 0 ? null : unplannedMs / allowedMs,
            limitedBy: byUptime <= targets.maxUnplannedDowntimeMs ? 'uptime' : 'downtime',
            status: remainingMs >= 0 ? 'met' : 'breached',
        },
    };
}
//# sourceMappingURL=uptime.js.map