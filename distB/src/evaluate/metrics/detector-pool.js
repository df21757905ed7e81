import { DetectorBank } from '../detectors/detector-bank.js';
const SHIFT = 16;
const PER_BANK = 1 << SHIFT;
const MASK = PER_BANK - 1;
/**
 * Detector state for any number of series: banks of 65,536 slots allocated as series
 * arrive, so memory follows the series count and nothing is copied when it grows.
 */
export class DetectorPool {
    banks = [];
    ensure(slots) {
        while (this.banks.length * PER_BANK < slots)
            this.banks.push(new DetectorBank(PER_BANK));
    }
    score(series, time, value) {
        return this.banks[series >>> SHIFT].score(series & MASK, time, value);
    }
    get bytesPerSeries() {
        return this.banks[0]?.bytesPerSeries ?? new DetectorBank(1).bytesPerSeries;
    }
}
//# sourceMappingURL=detector-pool.js.map