/**
 * How the benchmarks speak: progress to stderr, results to stdout, and the figure last, on a
 * line of its own that starts with `RESULT` and puts Surety's figure beside its peer's (or its
 * target), so a run can be compared with the READMEs at a glance and picked out by a script.
 */

/** A progress line on stderr: stdout is for the results. */
export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** 1,234,567; "-" for what could not be measured. */
export const formatInt = (n: number): string =>
  Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-';

/** Milliseconds with about three significant digits: 2.57, 15.5, 155. */
export const formatMs = (ms: number): string =>
  Number.isNaN(ms) ? '-' : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);

export const formatMiB = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

/** MiB below a GiB, GiB with two decimals above. */
export const formatBytes = (bytes: number): string =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : formatMiB(bytes);

export const formatCores = (cores: number | undefined): string =>
  cores === undefined ? '-' : cores.toFixed(2);

export type Row = readonly [string, ...string[]];

/**
 * A table: the first column left-aligned, the others right-aligned (the figures), columns
 * `gap` spaces apart, with a rule under the header unless `rule` is false.
 */
export function table(
  header: Row,
  rows: readonly Row[],
  { gap = 3, rule = true }: { gap?: number; rule?: boolean } = {},
): string[] {
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map((row) => (row[i] ?? '').length)),
  );
  const sep = ' '.repeat(gap);
  const line = (row: readonly string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(sep);
  return [
    line(header),
    ...(rule ? [widths.map((w) => '-'.repeat(w)).join(sep)] : []),
    ...rows.map(line),
  ];
}

/** The results of a run, gathered as it goes and printed at the end with the figure last. */
export class Report {
  private readonly out: string[] = [];

  line(text = ''): this {
    this.out.push(text);
    return this;
  }

  lines(texts: readonly string[]): this {
    this.out.push(...texts);
    return this;
  }

  /**
   * Writes everything to stdout, then `RESULT` and the parts of the figure, ' | ' between
   * them: Surety's figure first, then its peer's, as the READMEs show them.
   */
  print(...figure: readonly string[]): void {
    process.stdout.write(`${[...this.out, `RESULT ${figure.join(' | ')}`].join('\n')}\n`);
  }
}
