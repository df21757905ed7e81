import type { Path, Report } from './problem-report.js';

/** "75%", "90%" → 0.75, 0.9, sorted; each outside (0, 100) (or (0, 100] with allowHundred) is reported. */
export function percents(
  values: readonly string[],
  path: Path,
  problem: Report,
  allowHundred = false,
): number[] {
  const out: number[] = [];
  values.forEach((v, i) => {
    const n = Number(v.slice(0, -1));
    const okRange = n > 0 && (allowHundred ? n <= 100 : n < 100);
    if (!okRange)
      problem(
        [...path, i],
        `${v} must be above 0% and ${allowHundred ? 'at most 100%' : 'below 100%'}`,
      );
    else out.push(n / 100);
  });
  return out.sort((a, b) => a - b);
}
