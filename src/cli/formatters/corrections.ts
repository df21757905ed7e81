import type { correctTicketEvent } from '../../services/tickets/correct-event.js';
import type { listTicketCorrections } from '../../services/tickets/list-corrections.js';
import { when } from './availability.js';
import { table } from './table.js';

type Correction = Awaited<ReturnType<typeof listTicketCorrections>>['corrections'][number];

interface BreachSide {
  dueAt: string | null;
  breachedAt: string;
  stoppedAt: string | null;
}
interface Effects {
  breaches?: Array<{ commitment: string; before: BreachSide | null; after: BreachSide | null }>;
  credits?: Array<{ customer: string; month: string; changes: number }>;
}

const ACTIONS: Record<string, string> = {
  event_corrected: 'corrected',
  event_removed: 'removed',
  history_replaced: 'history replaced',
};

const effectsOf = (c: Correction): Effects => c.effects as Effects;

function what(c: Correction): string {
  return c.seq === null
    ? (ACTIONS[c.action] ?? c.action)
    : `event ${c.seq} ${ACTIONS[c.action] ?? c.action}`;
}

/** "C-01 withdrawn", "C-03 added", "C-01 moved": what a correction did to each breach. */
function breachWords(e: Effects): string {
  const list = (e.breaches ?? []).map(
    (b) =>
      `${b.commitment} ${b.before && !b.after ? 'withdrawn' : !b.before && b.after ? 'added' : 'changed'}`,
  );
  return list.length > 0 ? list.join(', ') : 'none';
}

function creditWords(e: Effects): string {
  const list = (e.credits ?? []).map(
    (c) => `${c.customer} ${c.month}: ${c.changes} ${c.changes === 1 ? 'change' : 'changes'}`,
  );
  return list.length > 0 ? list.join(', ') : 'none';
}

const side = (s: BreachSide | null) =>
  s
    ? `breached ${when(s.breachedAt)}${s.stoppedAt ? `, stopped ${when(s.stoppedAt)}` : ''}`
    : 'no breach';

/** One correction just made: what it changed, and the ticket's history and clocks after it. */
export function correctionResult(r: Awaited<ReturnType<typeof correctTicketEvent>>): string {
  const c = r.correction;
  const e = effectsOf(c);
  const out = [
    `Correction ${c.id} of ticket ${c.ticket} (${c.customer}) by ${c.by} at ${when(c.at)}: ${what(c)}`,
    `Reason: ${c.reason}`,
    '',
  ];
  if ((e.breaches ?? []).length > 0) {
    out.push(
      table(
        ['breach', 'before', 'after'],
        e.breaches!.map((b) => [b.commitment, side(b.before), side(b.after)]),
      ),
    );
  } else out.push('No breach changed.\n');
  out.push(`Credits recomputed: ${creditWords(e)}`, '');
  out.push(
    table(
      ['seq', 'type', 'at', 'note'],
      (r.ticket.events ?? []).map((ev) => [String(ev.seq), ev.type, when(ev.at), ev.note ?? '']),
    ),
  );
  out.push(
    table(
      ['clock', 'state', 'due', 'breached'],
      r.ticket.clocks.map((k) => [k.commitment, k.state, when(k.dueAt), when(k.breachedAt)]),
    ),
  );
  return out.join('\n');
}

/** A ticket's corrections, oldest first. */
export function correctionsTable(r: Awaited<ReturnType<typeof listTicketCorrections>>): string {
  if (r.corrections.length === 0) return `No corrections of ticket ${r.ticket}.\n`;
  return table(
    ['id', 'at', 'by', 'what', 'breaches', 'credits', 'reason'],
    r.corrections.map((c) => [
      String(c.id),
      when(c.at),
      c.by,
      what(c),
      breachWords(effectsOf(c)),
      creditWords(effectsOf(c)),
      c.reason,
    ]),
  );
}
