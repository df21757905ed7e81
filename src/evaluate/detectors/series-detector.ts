import { DetectorBank } from './detector-bank.js';
import type { DetectorSettings } from './detector-settings.js';

/** One series' detector, for offline use (`surety detect`): a bank of one slot. */
export class SeriesDetector {
  private readonly bank: DetectorBank;

  constructor(settings: Partial<DetectorSettings> = {}) {
    this.bank = new DetectorBank(1, settings);
  }

  /** The anomaly score in [0, 1] of the next point; see DetectorBank.score. */
  score(timestampMs: number, value: number): number {
    return this.bank.score(0, timestampMs, value);
  }

  reset(): void {
    this.bank.reset(0);
  }
}
