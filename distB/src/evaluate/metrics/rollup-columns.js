/**
 * Rollup deltas in columns, one row per (series, resolution, bucket): what a flush hands to
 * storage. Columns, not objects: a flush of a million series would otherwise make two
 * million objects for the collector (measured: the collector was 17 % of ingest time).
 */
export class RollupColumns {
    length = 0;
    series = new Int32Array(1024);
    resolution = new Int32Array(1024);
    bucket = new Float64Array(1024);
    count = new Float64Array(1024);
    sum = new Float64Array(1024);
    min = new Float64Array(1024);
    max = new Float64Array(1024);
    last = new Float64Array(1024);
    lastAt = new Float64Array(1024);
    score = new Float64Array(1024);
    push(series, resolution, bucket, count, sum, min, max, last, lastAt, score) {
        if (this.length === this.series.length)
            this.grow();
        const i = this.length++;
        this.series[i] = series;
        this.resolution[i] = resolution;
        this.bucket[i] = bucket;
        this.count[i] = count;
        this.sum[i] = sum;
        this.min[i] = min;
        this.max[i] = max;
        this.last[i] = last;
        this.lastAt[i] = lastAt;
        this.score[i] = score;
    }
    /**
     * Row indexes ordered by series, each series' rows in the order they were pushed (a
     * counting sort). Stored rows are keyed series first, so writing them in this order walks
     * the index once instead of hopping between series (measured on SQLite: 3 µs a row instead
     * of 10).
     */
    orderBySeries() {
        const n = this.length;
        const order = new Int32Array(n);
        if (n === 0)
            return order;
        let lo = this.series[0];
        let hi = lo;
        for (let i = 1; i < n; i++) {
            const s = this.series[i];
            if (s < lo)
                lo = s;
            else if (s > hi)
                hi = s;
        }
        const starts = new Int32Array(hi - lo + 2);
        for (let i = 0; i < n; i++)
            starts[this.series[i] - lo + 1]++;
        for (let k = 1; k < starts.length; k++)
            starts[k] += starts[k - 1];
        for (let i = 0; i < n; i++)
            order[starts[this.series[i] - lo]++] = i;
        return order;
    }
    /** Appends every row of another set (a failed flush's rows, given back). */
    append(other) {
        for (let i = 0; i < other.length; i++) {
            this.push(other.series[i], other.resolution[i], other.bucket[i], other.count[i], other.sum[i], other.min[i], other.max[i], other.last[i], other.lastAt[i], other.score[i]);
        }
    }
    grow() {
        const n = this.series.length * 2;
        const i32 = (a) => {
            const b = new Int32Array(n);
            b.set(a);
            return b;
        };
        const f64 = (a) => {
            const b = new Float64Array(n);
            b.set(a);
            return b;
        };
        this.series = i32(this.series);
        this.resolution = i32(this.resolution);
        this.bucket = f64(this.bucket);
        this.count = f64(this.count);
        this.sum = f64(this.sum);
        this.min = f64(this.min);
        this.max = f64(this.max);
        this.last = f64(this.last);
        this.lastAt = f64(this.lastAt);
        this.score = f64(this.score);
    }
}
//# sourceMappingURL=rollup-columns.js.map