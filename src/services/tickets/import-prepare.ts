import type { Recorder } from '../../domain/ticket.js';
import { type ErrorDetail } from '../../domain/errors.js';
import type { Instant } from '../../domain/time.js';
import { parseInstant } from '../../domain/time.js';
import type { TicketEvent } from '../../domain/ticket.js';
import { applyEvent, initialState } from '../../sources/tickets/lifecycle.js';
import { misplacedField } from './add-event.js';
import { ImportTicketsInput } from './import-input.js';

export function prepare(
  t: ImportTicketsInput['tickets'][number],
  i: number,
  now: Instant,
  problems: ErrorDetail[],
  recordedBy: Recorder,
) {
  const where = `/tickets/${i}`;
  const createdAt = time(t.createdAt, `${where}/createdAt`, now, problems);
  let state = initialState(t.kind, t.priority);
  let last = createdAt ?? 0;
  const events: TicketEvent[] = [];
  (t.events ?? []).forEach((e, j) => {
    const path = `${where}/events/${j}`;
    const at = time(e.at, `${path}/at`, now, problems);
    if (at === undefined) return;
    if (at < last)
      problems.push({
        path: `${path}/at`,
        message: `${e.at} is before the event or creation that precedes it; list events in the order they happened`,
      });
    const misplaced = misplacedField(e);
    if (misplaced) problems.push({ path: `${path}${misplaced.path}`, message: misplaced.message });
    const next = applyEvent(state, e);
    if (typeof next === 'string') problems.push({ path: `${path}/type`, message: next });
    else state = next;
    last = Math.max(last, at);
    events.push({
      seq: j + 1,
      type: e.type,
      at,
      recordedAt: now,
      recordedBy,
      actor: e.actor,
      note: e.note,
      rating: e.rating,
      kind: e.kind,
      priority: e.priority,
    });
  });
  if (createdAt === undefined) return undefined;
  return {
    ticket: {
      customer: t.customer,
      kind: t.kind,
      priority: t.priority,
      channel: t.channel,
      subject: t.subject,
      body: t.body ?? '',
      externalId: t.externalId,
      createdAt,
      recordedBy,
      recordedAt: now,
    },
    events,
  };
}

function time(
  text: string,
  path: string,
  now: Instant,
  problems: ErrorDetail[],
): Instant | undefined {
  const t = parseInstant(text);
  if (t === undefined)
    problems.push({
      path,
      message: `"${text}" is not a date-time with a time zone, like 2026-10-05T09:30:00Z`,
    });
  else if (t > now) problems.push({ path, message: `${text} is in the future` });
  else return t;
  return undefined;
}
