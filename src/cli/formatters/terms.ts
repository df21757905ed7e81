import type { listMonths } from '../../services/months/list.js';
import type { listPolicyVersions, getPolicyVersion } from '../../services/policy/versions.js';
import type { monthView } from '../../services/months/view.js';
import { table } from './table.js';

type Versions = Awaited<ReturnType<typeof listPolicyVersions>>;
type Version = Awaited<ReturnType<typeof getPolicyVersion>>;
type Months = Awaited<ReturnType<typeof listMonths>>;
type MonthShown = ReturnType<typeof monthView>;

const by = (b: { id: string; name: string | null }) => (b.name ? `${b.id} (${b.name})` : b.id);

/** The versions newest first: hash, from when, loaded when and by whom, which one runs. */
export function versionsTable(v: Versions): string {
  if (v.versions.length === 0) return 'no policy version is stored yet\n';
  return table(
    ['hash', 'effective from', 'loaded at', 'loaded by', ''],
    v.versions.map((x) => [
      x.hash.slice(0, 12),
      x.effectiveFrom,
      x.loadedAt,
      by(x.loadedBy),
      x.running ? 'running' : '',
    ]),
  );
}

/** One version: what it is, then its text as it was loaded. */
export const versionText = (v: Version): string =>
  `# policy version ${v.hash}\n# effective from ${v.effectiveFrom}, loaded ${v.loadedAt} by ${by(v.loadedBy)}\n${v.text.endsWith('\n') ? v.text : `${v.text}\n`}`;

/** Months newest first: closed or open, and why. */
export const monthsTable = (m: Months): string =>
  table(
    ['month', 'state', 'why'],
    m.months.map((x) => [x.month, x.state, x.why]),
  );

/** A month after a reopening or closing, with what followed. */
export function monthResult(
  m: MonthShown & { rederived?: { tickets: number }; credits?: { changes: number } },
): string {
  const lines = [`${m.month}: ${m.state}: ${m.why}`];
  if (m.rederived)
    lines.push(
      `clocks re-derived for ${m.rederived.tickets} ticket${m.rederived.tickets === 1 ? '' : 's'}; the next statement read recomputes the credits`,
    );
  if (m.credits)
    lines.push(
      `credits computed a last time: ${m.credits.changes} change${m.credits.changes === 1 ? '' : 's'}`,
    );
  return `${lines.join('\n')}\n`;
}
