/**
 * The JSONPath subset health checks need: `$`, `.name`, `['name']` / `["name"]`, `[0]`, `[-1]`.
 * Written here rather than taken from a library: the common one (jsonpath-plus) evaluates
 * script expressions and has had code-execution CVEs (CVE-2024-21534), while a monitor only
 * ever points at one value. Paths are parsed once, at compile time, so a check only walks.
 */

export type JsonPathSegment = string | number;
export type JsonPath = readonly JsonPathSegment[];

export type ParsedJsonPath = { ok: true; path: JsonPath } | { ok: false; problem: string };

const NAME = /[A-Za-z_$][\w$-]*/y;
const INDEX = /\[(-?\d+)\]/y;
const QUOTED = /\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/y;

export function parseJsonPath(text: string): ParsedJsonPath {
  if (!text.startsWith('$'))
    return { ok: false, problem: 'must start with "$", like $.status or $.items[0].id' };
  const path: JsonPathSegment[] = [];
  let i = 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '.') {
      NAME.lastIndex = i + 1;
      const m = NAME.exec(text);
      if (!m)
        return { ok: false, problem: `expected a field name after "." at character ${i + 1}` };
      path.push(m[0]);
      i = NAME.lastIndex;
      continue;
    }
    if (ch === '[') {
      INDEX.lastIndex = i;
      const idx = INDEX.exec(text);
      if (idx) {
        path.push(Number(idx[1]));
        i = INDEX.lastIndex;
        continue;
      }
      QUOTED.lastIndex = i;
      const q = QUOTED.exec(text);
      if (q) {
        path.push((q[1] ?? q[2] ?? '').replace(/\\(.)/g, '$1'));
        i = QUOTED.lastIndex;
        continue;
      }
      return {
        ok: false,
        problem: `expected [number] or ['name'] at character ${i + 1}; filters and wildcards are not supported`,
      };
    }
    return { ok: false, problem: `unexpected "${ch}" at character ${i + 1}` };
  }
  return { ok: true, path };
}

export type JsonPathHit = { found: true; value: unknown } | { found: false; missing: string };

/** Follows the path; when it breaks off, `missing` is the prefix that does not exist. */
export function readJsonPath(root: unknown, path: JsonPath): JsonPathHit {
  let cur: unknown = root;
  let where = '$';
  for (const seg of path) {
    where += typeof seg === 'number' ? `[${seg}]` : `.${seg}`;
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return { found: false, missing: where };
      const i = seg < 0 ? cur.length + seg : seg;
      if (i < 0 || i >= cur.length) return { found: false, missing: where };
      cur = cur[i];
    } else {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.hasOwn(cur, seg))
        return { found: false, missing: where };
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return { found: true, value: cur };
}
