/** Raw points waiting for the next flush, in columns (no object per point). */
export class RawPoints {
  count = 0;
  series = new Int32Array(1024);
  times = new Float64Array(1024);
  values = new Float64Array(1024);

  push(series: number, time: number, value: number): void {
    if (this.count === this.series.length) this.grow();
    this.series[this.count] = series;
    this.times[this.count] = time;
    this.values[this.count] = value;
    this.count++;
  }

  get buffers(): ArrayBuffer[] {
    return [this.series, this.times, this.values].map((a) => a.buffer as ArrayBuffer);
  }

  /** A set made whole again after a trip between threads. */
  static revive(plain: RawPoints): RawPoints {
    return Object.assign(new RawPoints(), plain);
  }

  /** Hands the points over and starts empty. */
  take(): RawPoints {
    const out = new RawPoints();
    [out.count, out.series, out.times, out.values] = [
      this.count,
      this.series,
      this.times,
      this.values,
    ];
    this.count = 0;
    this.series = new Int32Array(1024);
    this.times = new Float64Array(1024);
    this.values = new Float64Array(1024);
    return out;
  }

  /** Takes back points a failed flush could not store. */
  giveBack(points: RawPoints): void {
    for (let i = 0; i < points.count; i++)
      this.push(points.series[i]!, points.times[i]!, points.values[i]!);
  }

  private grow(): void {
    const n = this.series.length * 2;
    const s = new Int32Array(n);
    s.set(this.series);
    const t = new Float64Array(n);
    t.set(this.times);
    const v = new Float64Array(n);
    v.set(this.values);
    [this.series, this.times, this.values] = [s, t, v];
  }
}
