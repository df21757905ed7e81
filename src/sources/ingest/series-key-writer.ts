/**
 * Writes series keys, `measurement[,tag=value…] field`, spelled as line protocol spells them,
 * so a series sent in any format is one series (src/evaluate/metrics/series-key.ts reads keys
 * back). Commas and spaces are escaped in every part, equals signs in tag keys, tag values
 * and field keys. A backslash is doubled only where it would otherwise read as an escape:
 * before a space, comma, equals sign, quote or backslash, or at the end of a part. So
 * `C:\tmp` stays as Telegraf writes it, and every key still decodes to exactly one set of names.
 *
 * Keys are latin1 views of UTF-8 bytes, as the line-protocol parser makes them.
 */

const BACKSLASH = 92;
const EQUALS = 61;

/** Which part of a key is being written: the escaping differs only for `=`. */
export const enum KeyPart {
  Measurement = 1,
  /** Tag keys, tag values and field keys. */
  Name = 2,
}

/** Bytes that need a second look: comma, space, equals sign, backslash. */
const SPECIAL = new Uint8Array(256);
for (const c of ' ,=\\') SPECIAL[c.charCodeAt(0)] = 1;

/** Bytes that a backslash before them would escape (as the key reader unescapes them). */
const ESCAPABLE = new Uint8Array(256);
for (const c of ' ,="\\') ESCAPABLE[c.charCodeAt(0)] = 1;

/**
 * Writes `src[start, end)` escaped into `dst` at `at` and returns where it ended.
 * `dst` needs room for 2 × (end - start) bytes.
 */
export function writeEscaped(
  src: Uint8Array,
  start: number,
  end: number,
  dst: Uint8Array,
  at: number,
  part: KeyPart,
): number {
  let d = at;
  for (let i = start; i < end; i++) {
    const c = src[i]!;
    // One table look-up for the usual byte; on the remote-write hot path this loop is a quarter of the time.
    if (SPECIAL[c] === 1) {
      if (
        c === BACKSLASH
          ? i + 1 === end || ESCAPABLE[src[i + 1]!] === 1
          : c !== EQUALS || part === KeyPart.Name
      )
        dst[d++] = BACKSLASH;
    }
    dst[d++] = c;
  }
  return d;
}

// Names with none of these need no work: plain ASCII without anything to escape.
const NEEDS_WORK_NAME = /[ ,=\\\u0080-\uffff]/;
const NEEDS_WORK_MEASUREMENT = /[ ,\\\u0080-\uffff]/;

/** One part of a key, escaped, as a latin1 view of its UTF-8 bytes. */
export function escapePart(text: string, part: KeyPart): string {
  if (!(part === KeyPart.Name ? NEEDS_WORK_NAME : NEEDS_WORK_MEASUREMENT).test(text)) return text;
  const src = Buffer.from(text, 'utf8');
  const dst = Buffer.allocUnsafe(src.length * 2);
  return dst.toString('latin1', 0, writeEscaped(src, 0, src.length, dst, 0, part));
}

/**
 * The series part of a key, `measurement[,tag=value…]`, tags sorted bytewise by their escaped
 * key as line protocol sorts them. Tag keys must be distinct.
 */
export function seriesOf(
  measurement: string,
  tags: ReadonlyArray<readonly [string, string]>,
): string {
  const pairs = tags.map(
    ([k, v]) => [escapePart(k, KeyPart.Name), escapePart(v, KeyPart.Name)] as const,
  );
  // Escaped keys are latin1 strings, so comparing code units compares bytes.
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let series = escapePart(measurement, KeyPart.Measurement);
  for (const [k, v] of pairs) series += `,${k}=${v}`;
  return series;
}

/** A full series key: the series and one field. */
export const seriesKey = (series: string, field: string): string =>
  `${series} ${escapePart(field, KeyPart.Name)}`;
