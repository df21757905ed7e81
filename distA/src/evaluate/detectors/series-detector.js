import { DetectorBank } from './detector-bank.js';
/** One series' detector, for offline use (`surety detect`): a bank of one slot. */
export class SeriesDetector {
    bank;
    constructor(settings = {}) {
        this.bank = new DetectorBank(1, settings);
    }
    /** The anomaly score in [0, 1] of the next point; see DetectorBank.score. */
    score(timestampMs, value) {
        return this.bank.score(0, timestampMs, value);
    }
    reset() {
        this.bank.reset(0);
    }
}
//# sourceMappingURL=series-detector.js.map