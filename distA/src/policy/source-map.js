import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
/**
 * A parsed YAML document that can say where any value came from, so every problem in a
 * policy file is reported at its file:line:column.
 */
export class SourceMap {
    doc;
    lines;
    constructor(doc, lines) {
        this.doc = doc;
        this.lines = lines;
    }
    static parse(text) {
        const lines = new LineCounter();
        const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
        const syntaxErrors = doc.errors.map((e) => {
            const pos = lines.linePos(e.pos[0]);
            return { position: { line: pos.line, column: pos.col }, message: tidyYamlMessage(e.message, e.code) };
        });
        return { map: new SourceMap(doc, lines), syntaxErrors };
    }
    data() {
        return this.doc.toJS({ maxAliasCount: 100 });
    }
    /**
     * Position of the value at `path`; for a missing one, its nearest existing parent. With
     * `key`, the key of the last segment instead of its value (where an unknown field is).
     */
    positionOf(path, key = false) {
        let node = this.doc.contents;
        let best = this.rangeStart(node) ?? 0;
        for (let i = 0; i < path.length; i++) {
            const seg = path[i];
            if (isMap(node)) {
                const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
                if (!pair)
                    break;
                if (key && i === path.length - 1)
                    return this.at(this.rangeStart(pair.key) ?? best);
                best = this.rangeStart(pair.value) ?? this.rangeStart(pair.key) ?? best;
                node = pair.value;
            }
            else if (isSeq(node)) {
                const item = node.items[Number(seg)];
                if (item === undefined)
                    break;
                best = this.rangeStart(item) ?? best;
                node = item;
            }
            else {
                break;
            }
        }
        return this.at(best);
    }
    rangeStart(node) {
        return node?.range?.[0];
    }
    at(offset) {
        const p = this.lines.linePos(offset);
        return { line: p.line, column: p.col };
    }
}
function tidyYamlMessage(message, code) {
    const first = message.split(' at line ')[0].trim();
    if (code === 'DUPLICATE_KEY')
        return 'this key appears twice in the same map; YAML keeps only one, so remove or rename one';
    if (code === 'TAB_AS_INDENT')
        return 'tabs cannot indent YAML; use spaces';
    return `YAML syntax: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}
/** JSON pointer "/commitments/0/target" → ["commitments", 0, "target"]. */
export function pointerToPath(pointer) {
    if (pointer === '')
        return [];
    return pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
/** ["commitments", 0, "target"] → "commitments[0].target", the way people read it. */
export function pathToText(path) {
    let out = '';
    for (const seg of path)
        out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
    return out;
}
//# sourceMappingURL=source-map.js.map