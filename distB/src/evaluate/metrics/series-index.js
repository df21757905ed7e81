import { KeyTable, hashBytes, hashText } from './key-table.js';
const SPACE = 32;
const BACKSLASH = 92;
/**
 * Series keys (`measurement,tags field`) to dense ids, in two tables: the measurement-and-tags
 * part, then the field under it. A line of line protocol names one part and several fields,
 * so its part is looked up once and each field against that part (measured: half the cost of
 * looking every point's whole key up), and a part's bytes are held once for all its fields.
 */
export class SeriesIndex {
    parts = new KeyTable();
    fields = new KeyTable();
    get size() {
        return this.fields.size;
    }
    /** The part id of `src[s, e)` (measurement and sorted tags), or -1. */
    findPart(src, s, e) {
        return this.parts.find(hashBytes(src, s, e, 0), 0, src, s, e);
    }
    /** The series id of field `src[s, e)` under a part, or -1. */
    findField(part, src, s, e) {
        return this.fields.find(hashBytes(src, s, e, part), part, src, s, e);
    }
    /** The id of a whole key given as a latin1 string, or -1. */
    findKey(key) {
        const cut = splitAt(key);
        const part = this.parts.findText(hashText(key, 0, cut, 0), 0, key, 0, cut);
        return part < 0 ? -1 : this.fields.findText(hashText(key, cut + 1, key.length, part), part, key, cut + 1, key.length);
    }
    /** Adds a key (latin1 string) under the next id, which it returns. */
    add(key) {
        const cut = splitAt(key);
        const h = hashText(key, 0, cut, 0);
        let part = this.parts.findText(h, 0, key, 0, cut);
        if (part < 0)
            part = this.parts.addText(h, 0, key, 0, cut);
        return this.fields.addText(hashText(key, cut + 1, key.length, part), part, key, cut + 1, key.length);
    }
    keyOf(id) {
        return `${this.parts.textOf(this.fields.prefixOf(id))} ${this.fields.textOf(id)}`;
    }
    /** Bytes held per key on average: for the memory figures. */
    get bytesPerKey() {
        return this.size === 0 ? 0 : (this.parts.bytes + this.fields.bytes) / this.size;
    }
}
/** Where the part of a key ends: its first unescaped space. */
function splitAt(key) {
    for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        if (c === BACKSLASH)
            i++;
        else if (c === SPACE)
            return i;
    }
    throw new Error(`"${key}" is not a series key: it has no field`);
}
//# sourceMappingURL=series-index.js.map