import { DAY, HOUR, MINUTE } from '../../domain/duration.js';
import { invalidInput } from '../../domain/errors.js';
import { intersect, totalLength } from './intervals.js';
import { PPM, errorBudgetPpm } from './slo.js';
/** The workbook's recommendation for a 30-day 99.9 % SLO: 2 % of the budget in 1 h, 5 % in 6 h, 10 % in 3 d. */
export const DEFAULT_BURN_RULES = [
    { name: 'page-1h', longWindowMs: HOUR, shortWindowMs: 5 * MINUTE, factor: 14.4, severity: 'page' },
    { name: 'page-6h', longWindowMs: 6 * HOUR, shortWindowMs: 30 * MINUTE, factor: 6, severity: 'page' },
    { name: 'ticket-3d', longWindowMs: 3 * DAY, shortWindowMs: 6 * HOUR, factor: 1, severity: 'ticket' },
];
/** Down time inside the window of length `windowMs` that ends at `now`. */
export const downWithin = (down, windowMs, now) => totalLength(intersect(down, [{ from: now - windowMs, to: now }]));
export function burnRate(down, windowMs, now, sloPercent) {
    return rate(downWithin(down, windowMs, now), windowMs, budgetOf(sloPercent));
}
export function evaluateBurnRules(down, now, sloPercent, rules = DEFAULT_BURN_RULES) {
    const budget = budgetOf(sloPercent);
    const spans = [...down];
    return rules.map((rule) => {
        checkRule(rule);
        const long = downWithin(spans, rule.longWindowMs, now);
        const short = downWithin(spans, rule.shortWindowMs, now);
        const longBurning = faster(long, rule.longWindowMs, budget, rule.factor);
        const shortBurning = faster(short, rule.shortWindowMs, budget, rule.factor);
        return {
            rule,
            longRate: rate(long, rule.longWindowMs, budget),
            shortRate: rate(short, rule.shortWindowMs, budget),
            longBurning,
            shortBurning,
            firing: longBurning && shortBurning,
        };
    });
}
const rate = (downMs, windowMs, budgetPpm) => (downMs * PPM) / (windowMs * budgetPpm);
/** downMs / windowMs / (budgetPpm / PPM) > factor, in exact integers (BigInt: the products pass 2^53). */
function faster(downMs, windowMs, budgetPpm, factor) {
    const factorMilli = BigInt(Math.round(factor * 1000));
    return BigInt(downMs) * BigInt(PPM) * 1000n > factorMilli * BigInt(windowMs) * BigInt(budgetPpm);
}
/** A 100 % SLO has no budget to burn: every rate would be infinite. */
function budgetOf(sloPercent) {
    const ppm = errorBudgetPpm(sloPercent);
    if (ppm === 0)
        throw invalidInput('burn rates need an SLO below 100 %: a 100 % target has no error budget to burn');
    return ppm;
}
function checkRule(r) {
    if (!(r.shortWindowMs > 0 && r.longWindowMs > r.shortWindowMs && Number.isInteger(r.shortWindowMs) && Number.isInteger(r.longWindowMs))) {
        throw invalidInput(`burn rule "${r.name}": the windows must be whole milliseconds, the short one positive and shorter than the long one`);
    }
    if (!(r.factor > 0))
        throw invalidInput(`burn rule "${r.name}": the factor must be positive, not ${r.factor}`);
}
//# sourceMappingURL=burn-rate.js.map