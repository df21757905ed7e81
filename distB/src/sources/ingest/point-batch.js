export class PointBatch {
    count = 0;
    /** Per point given by key string: the series key (measurement, sorted tags and field). */
    keys = [];
    values;
    /** Epoch milliseconds, fractional when the source was finer. */
    times;
    kinds;
    /** Per point: the index of its part, or -1 when its key is in `keys`. */
    pointPart;
    fieldStart;
    fieldEnd;
    /** Parts (measurement and sorted tags) as byte ranges of `source`. */
    partCount = 0;
    partStart;
    partEnd;
    source;
    constructor(capacity = 1024) {
        this.values = new Float64Array(capacity);
        this.times = new Float64Array(capacity);
        this.kinds = new Uint8Array(capacity);
        this.pointPart = new Int32Array(capacity);
        this.fieldStart = new Int32Array(capacity);
        this.fieldEnd = new Int32Array(capacity);
        this.partStart = new Int32Array(capacity);
        this.partEnd = new Int32Array(capacity);
    }
    push(key, value, time, kind) {
        if (this.count === this.values.length)
            this.grow();
        const i = this.count++;
        this.keys[i] = key;
        this.pointPart[i] = -1;
        this.values[i] = value;
        this.times[i] = time;
        this.kinds[i] = kind;
    }
    /** A part `source[s, e)` for the points that follow; returns its index. */
    addPart(s, e) {
        if (this.partCount === this.partStart.length) {
            this.partStart = grown(this.partStart, this.partCount * 2);
            this.partEnd = grown(this.partEnd, this.partCount * 2);
        }
        const p = this.partCount++;
        this.partStart[p] = s;
        this.partEnd[p] = e;
        return p;
    }
    /** A point of part `part` whose field name is `source[s, e)`. */
    pushField(part, s, e, value, kind) {
        if (this.count === this.values.length)
            this.grow();
        const i = this.count++;
        this.pointPart[i] = part;
        this.fieldStart[i] = s;
        this.fieldEnd[i] = e;
        this.values[i] = value;
        this.kinds[i] = kind;
    }
    /** The key of point i as a latin1 string (made on demand for points given by span). */
    keyAt(i) {
        const part = this.pointPart[i];
        if (part < 0)
            return this.keys[i];
        const src = this.source;
        return `${src.latin1Slice(this.partStart[part], this.partEnd[part])} ${src.latin1Slice(this.fieldStart[i], this.fieldEnd[i])}`;
    }
    /** Forgets points from `count` on (and parts from `parts` on): a line that failed halfway takes back what it added. */
    truncate(count, parts = count === 0 ? 0 : this.partCount) {
        this.count = count;
        this.partCount = parts;
        if (this.keys.length > count)
            this.keys.length = count;
        if (count === 0)
            this.source = undefined;
    }
    grow() {
        const size = this.values.length * 2;
        this.values = grown(this.values, size);
        this.times = grown(this.times, size);
        this.kinds = grown(this.kinds, size);
        this.pointPart = grown(this.pointPart, size);
        this.fieldStart = grown(this.fieldStart, size);
        this.fieldEnd = grown(this.fieldEnd, size);
    }
}
function grown(a, n) {
    const b = new a.constructor(n);
    b.set(a);
    return b;
}
//# sourceMappingURL=point-batch.js.map