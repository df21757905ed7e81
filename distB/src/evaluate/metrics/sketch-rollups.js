import { QuantileSketch } from './quantile-sketch.js';
import { MINUTE_MS } from './rollups.js';
import { bucketStart } from '../../domain/buckets.js';
export class SketchRollups {
    open = new Map();
    closed = [];
    add(series, time, value) {
        const bucket = bucketStart(time, MINUTE_MS);
        let o = this.open.get(series);
        if (!o) {
            o = { bucket, sketch: new QuantileSketch() };
            this.open.set(series, o);
        }
        if (bucket === o.bucket) {
            o.sketch.add(value);
        }
        else if (bucket < o.bucket) {
            const late = new QuantileSketch();
            late.add(value);
            this.closed.push({ series, bucket, sketch: late });
        }
        else {
            if (o.sketch.count > 0)
                this.closed.push({ series, bucket: o.bucket, sketch: o.sketch });
            o.bucket = bucket;
            o.sketch = new QuantileSketch();
            o.sketch.add(value);
        }
    }
    /** Everything since the last call; open minutes stay open, emptied. */
    takeDeltas() {
        const out = this.closed;
        this.closed = [];
        for (const [series, o] of this.open) {
            if (o.sketch.count === 0)
                continue;
            out.push({ series, bucket: o.bucket, sketch: o.sketch });
            o.sketch = new QuantileSketch();
        }
        return out;
    }
    giveBack(deltas) {
        this.closed.push(...deltas);
    }
}
//# sourceMappingURL=sketch-rollups.js.map