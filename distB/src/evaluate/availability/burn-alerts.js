import { conflict } from '../../domain/errors.js';
import { DEFAULT_BURN_RULES, evaluateBurnRules } from './burn-rate.js';
export class BurnAlerts {
    sloPercent;
    rules;
    #states = new Map();
    #lastNow = -Infinity;
    constructor(sloPercent, rules = DEFAULT_BURN_RULES) {
        this.sloPercent = sloPercent;
        this.rules = rules;
        for (const r of rules)
            this.#states.set(r.name, { kind: 'inactive' });
    }
    state(rule) {
        return this.#states.get(rule);
    }
    /** `down`: the service's unplanned down spans up to `now` (an ongoing one ending at `now`). */
    evaluate(down, now) {
        if (now < this.#lastNow)
            throw conflict(`burn-rate evaluation went back in time, to ${new Date(now).toISOString()}`);
        this.#lastNow = now;
        const out = [];
        for (const reading of evaluateBurnRules(down, now, this.sloPercent, this.rules)) {
            const name = reading.rule.name;
            const s = this.#states.get(name);
            if (s.kind === 'inactive' && reading.firing) {
                this.#states.set(name, { kind: 'firing', since: now });
                out.push({ type: 'fired', at: now, reading });
            }
            else if (s.kind === 'firing' && !reading.shortBurning) {
                this.#states.set(name, { kind: 'inactive' });
                out.push({ type: 'resolved', at: now, reading });
            }
        }
        return out;
    }
}
//# sourceMappingURL=burn-alerts.js.map