import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * A parsed YAML document that can say where any value came from, so every problem in a
 * policy file is reported at its file:line:column.
 */
export class SourceMap {
  private constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  static parse(text: string): {
    map: SourceMap;
    syntaxErrors: Array<{ position: Position; message: string }>;
  } {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const syntaxErrors = doc.errors.map((e) => {
      const pos = lines.linePos(e.pos[0]);
      return {
        position: { line: pos.line, column: pos.col },
        message: tidyYamlMessage(e.message, e.code),
      };
    });
    return { map: new SourceMap(doc, lines), syntaxErrors };
  }

  data(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  /**
   * Position of the value at `path`; for a missing one, its nearest existing parent. With
   * `key`, the key of the last segment instead of its value (where an unknown field is).
   */
  positionOf(path: ReadonlyArray<string | number>, key = false): Position {
    let node: unknown = this.doc.contents;
    let best = this.rangeStart(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
        );
        if (!pair) break;
        if (key && i === path.length - 1) return this.at(this.rangeStart(pair.key) ?? best);
        best = this.rangeStart(pair.value) ?? this.rangeStart(pair.key) ?? best;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)];
        if (item === undefined) break;
        best = this.rangeStart(item) ?? best;
        node = item;
      } else {
        break;
      }
    }
    return this.at(best);
  }

  private rangeStart(node: unknown): number | undefined {
    return (node as Node | null)?.range?.[0];
  }

  private at(offset: number): Position {
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }
}

function tidyYamlMessage(message: string, code: string): string {
  const first = message.split(' at line ')[0]!.trim();
  if (code === 'DUPLICATE_KEY')
    return 'this key appears twice in the same map; YAML keeps only one, so remove or rename one';
  if (code === 'TAB_AS_INDENT') return 'tabs cannot indent YAML; use spaces';
  return `YAML syntax: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

/** JSON pointer "/commitments/0/target" → ["commitments", 0, "target"]. */
export function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** ["commitments", 0, "target"] → "commitments[0].target", the way people read it. */
export function pathToText(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const seg of path)
    out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}
