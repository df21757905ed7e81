import { invalidInput } from '../../domain/errors.js';
import { subtract, union, where } from './intervals.js';
/** A majority of the configured locations: 1 of 1, 2 of 2, 2 of 3, 3 of 4, 3 of 5. */
export const defaultQuorum = (locations) => Math.floor(locations / 2) + 1;
export function serviceDown(locations, quorum = defaultQuorum(locations.length)) {
    const n = locations.length;
    if (n === 0)
        throw invalidInput('a service needs at least one location to be measured from');
    if (!Number.isInteger(quorum) || quorum < 1 || quorum > n) {
        throw invalidInput(`the quorum must be a whole number from 1 to the ${n} location(s), not ${quorum}`);
    }
    const unknown = locations.map((l) => union(l.unknown ?? []));
    const seen = locations.map((l, k) => subtract(union(...l.monitors), unknown[k]));
    // covered = [seen_0 … seen_{n-1}, unknown_0 … unknown_{n-1}]
    const tally = (covered) => {
        let down = 0;
        let silent = 0;
        for (let k = 0; k < n; k++) {
            if (covered[k])
                down++;
            if (covered[n + k])
                silent++;
        }
        const reporting = n - silent;
        return { down, reporting, needed: Math.min(quorum, reporting) };
    };
    const lists = [...seen, ...unknown];
    const down = where(lists, (c) => {
        const t = tally(c);
        return t.down > 0 && t.down >= t.needed;
    });
    const partial = where(lists, (c) => {
        const t = tally(c);
        return t.down > 0 && t.down < t.needed;
    });
    const degraded = where(lists, (c) => {
        const t = tally(c);
        return t.reporting > 0 && t.reporting < quorum;
    });
    const none = where(unknown, (c) => c.every(Boolean));
    return {
        quorum,
        down,
        partial,
        locationOnly: locations.map((l, k) => ({ location: l.location, intervals: subtract(seen[k], down) })),
        degraded,
        unknown: none,
    };
}
//# sourceMappingURL=quorum.js.map