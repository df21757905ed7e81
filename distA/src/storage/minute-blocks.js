import { HOUR_MS, MINUTE_MS } from '../evaluate/metrics/rollups.js';
/**
 * Minute rollups are stored as one row per series and hour (a "block"), not one per minute:
 * at a data point every 10 s a series closes a minute every 6 points, and a row per minute
 * made the flush a third of the cost of ingesting (measured: 420,000 upserts a flush of
 * 2.5 M points; as blocks, about 40,000). A block holds the minutes that have data, each as
 * 8 numbers: minute of the hour (0–59), count, sum, min, max, last, lastAt, scoreMax, in
 * minute order. Stored blocks and new deltas merge minute by minute (`mergeBlocks`), in the
 * database's own upsert, so a flush never reads before it writes.
 */
export const FIELDS = 8;
/**
 * The minute rows of `rows` as blocks (several deltas for one minute merged into one), and
 * the indexes of its other rows (hours), in series order.
 */
export function toBlocks(rows) {
    const order = rows.orderBySeries();
    const minutes = [];
    const others = [];
    for (const i of order)
        (rows.resolution[i] === MINUTE_MS ? minutes : others).push(i);
    const n = minutes.length;
    const blocks = { count: 0, series: new Int32Array(n), hour: new Float64Array(n), start: new Int32Array(n), length: new Int32Array(n), data: new Float64Array(n * FIELDS) };
    let used = 0;
    for (let a = 0; a < n;) {
        // One series' minute rows, by bucket (they come in time order but for late points).
        const series = rows.series[minutes[a]];
        let b = a;
        while (b < n && rows.series[minutes[b]] === series)
            b++;
        const run = minutes.slice(a, b);
        if (!isSortedBy(run, rows.bucket))
            run.sort((x, y) => rows.bucket[x] - rows.bucket[y] || x - y);
        let k = 0;
        while (k < run.length) {
            const hour = rows.bucket[run[k]] - (((rows.bucket[run[k]] % HOUR_MS) + HOUR_MS) % HOUR_MS);
            const blockStart = used;
            while (k < run.length && rows.bucket[run[k]] - hour < HOUR_MS) {
                const i = run[k++];
                const minute = (rows.bucket[i] - hour) / MINUTE_MS;
                const d = blocks.data;
                if (used > blockStart && d[used - FIELDS] === minute) {
                    combine(d, used - FIELDS, rows.count[i], rows.sum[i], rows.min[i], rows.max[i], rows.last[i], rows.lastAt[i], rows.score[i]);
                    continue;
                }
                d[used] = minute;
                d[used + 1] = rows.count[i];
                d[used + 2] = rows.sum[i];
                d[used + 3] = rows.min[i];
                d[used + 4] = rows.max[i];
                d[used + 5] = rows.last[i];
                d[used + 6] = rows.lastAt[i];
                d[used + 7] = rows.score[i];
                used += FIELDS;
            }
            const c = blocks.count++;
            blocks.series[c] = series;
            blocks.hour[c] = hour;
            blocks.start[c] = blockStart;
            blocks.length[c] = used - blockStart;
        }
        a = b;
    }
    return { blocks, others: Int32Array.from(others) };
}
/** `older` and `newer` merged minute by minute: counts and sums add, extremes widen, the later last wins (the newer on a tie). */
export function mergeBlocks(older, newer) {
    const out = new Float64Array(older.length + newer.length);
    let i = 0;
    let j = 0;
    let o = 0;
    while (i < older.length || j < newer.length) {
        const takeOld = j >= newer.length || (i < older.length && older[i] < newer[j]);
        const takeNew = i >= older.length || (j < newer.length && newer[j] < older[i]);
        if (takeOld) {
            out.set(older.subarray(i, i + FIELDS), o);
            i += FIELDS;
        }
        else if (takeNew) {
            out.set(newer.subarray(j, j + FIELDS), o);
            j += FIELDS;
        }
        else {
            out.set(older.subarray(i, i + FIELDS), o);
            combine(out, o, newer[j + 1], newer[j + 2], newer[j + 3], newer[j + 4], newer[j + 5], newer[j + 6], newer[j + 7]);
            i += FIELDS;
            j += FIELDS;
        }
        o += FIELDS;
    }
    return out.subarray(0, o);
}
/**
 * `mergeBlocks` on stored bytes. Time moves forward, so a new delta's minutes nearly always
 * follow the stored ones: then the merge is the two byte strings end to end, with no
 * decoding (measured: a conflict cost 11 µs decoded and merged).
 */
export function mergeBlockBytes(older, newer) {
    if (older.byteLength === 0)
        return newer;
    if (newer.byteLength === 0)
        return older;
    const lastOld = new DataView(older.buffer, older.byteOffset, older.byteLength).getFloat64(older.byteLength - FIELDS * 8, true);
    const firstNew = new DataView(newer.buffer, newer.byteOffset, newer.byteLength).getFloat64(0, true);
    if (firstNew > lastOld)
        return Buffer.concat([older, newer]);
    return blockBytes(mergeBlocks(blockFromBytes(older), blockFromBytes(newer)));
}
/** The minute rows of a stored block whose bucket lies in [from, to). */
export function blockRows(series, hour, block, from, to, out) {
    for (let k = 0; k + FIELDS <= block.length; k += FIELDS) {
        const bucket = hour + block[k] * MINUTE_MS;
        if (bucket < from || bucket >= to)
            continue;
        out.push({ series, resolution: MINUTE_MS, bucket, count: block[k + 1], sum: block[k + 2], min: block[k + 3], max: block[k + 4], last: block[k + 5], lastAt: block[k + 6], scoreMax: block[k + 7] });
    }
}
/** A block as bytes (SQLite's blob), and back (copied, so the numbers are aligned). */
export const blockBytes = (block) => Buffer.from(block.buffer, block.byteOffset, block.byteLength);
export function blockFromBytes(bytes) {
    const out = new Float64Array(bytes.byteLength / 8);
    new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 8));
    return out;
}
function combine(d, o, count, sum, min, max, last, lastAt, score) {
    d[o + 1] = d[o + 1] + count;
    d[o + 2] = d[o + 2] + sum;
    if (min < d[o + 3])
        d[o + 3] = min;
    if (max > d[o + 4])
        d[o + 4] = max;
    if (lastAt >= d[o + 6]) {
        d[o + 5] = last;
        d[o + 6] = lastAt;
    }
    if (score > d[o + 7])
        d[o + 7] = score;
}
function isSortedBy(indexes, key) {
    for (let k = 1; k < indexes.length; k++)
        if (key[indexes[k]] < key[indexes[k - 1]])
            return false;
    return true;
}
//# sourceMappingURL=minute-blocks.js.map