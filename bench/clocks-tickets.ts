/**
 * The tickets of bench/clocks.ts: a mix of kinds and priorities over all six channels, created
 * over the two days before "now", most of them with their first response recorded. The API
 * load worker draws its tickets from the same mix.
 */
import { HOUR, MINUTE } from '../src/domain/duration.js';

const SPREAD_MS = 48 * HOUR; // ticket createdAt: uniformly over the past two days

/** [kind, priority, weight]: the clocks each carries come from examples/guarantee.yaml. */
export const MIX: ReadonlyArray<readonly [string, string, number]> = [
  ['inquiry', 'general', 35], //  C-01 (15 min)
  ['problem', 'urgent', 10], //   C-01, C-02 (2 h)
  ['problem', 'general', 20], //  C-01, C-03 (24 h)
  ['problem', 'complex', 10], //  C-01, C-04 (72 h)
  ['complaint', 'general', 8], // C-01
  ['suggestion', 'general', 7], // C-01
  ['feedback', 'general', 10], // C-01, F-02 (2 h), F-03 (24 h)
];
const MIX_TOTAL = MIX.reduce((s, m) => s + m[2], 0);
export const CHANNELS = ['web', 'email', 'phone', 'chat', 'social', 'api'];
/** Share of tickets whose first response (C-01) was recorded, 1–14 min after creation. */
const ACK_SHARE = 0.7;

/** A [kind, priority] of the mix, by weight: one draw of `rand`. */
export function pickKind(rand: () => number): readonly [string, string, number] {
  let r = rand() * MIX_TOTAL;
  for (const m of MIX) if ((r -= m[2]) < 0) return m;
  return MIX[0]!;
}

/** Tickets `from`…`from + count - 1` of `total`, created over the two days before `now`. */
export function ticketBatch(
  customer: string,
  rand: () => number,
  now: number,
  from: number,
  count: number,
  total: number,
  shuffle: boolean,
) {
  const tickets: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const pick = pickKind(rand);
    // Oldest first (ids follow creation, as in a live helpdesk), or anywhere in the two days.
    const createdAt =
      now -
      SPREAD_MS +
      Math.floor((shuffle ? rand() * total : from + i + rand()) * (SPREAD_MS / Math.max(1, total)));
    const ticket: Record<string, unknown> = {
      customer,
      kind: pick[0],
      priority: pick[1],
      channel: CHANNELS[Math.floor(rand() * CHANNELS.length)],
      subject: `Bench ticket ${from + i}`,
      createdAt: new Date(createdAt).toISOString(),
    };
    if (rand() < ACK_SHARE) {
      const ackAt = createdAt + MINUTE + Math.floor(rand() * 13 * MINUTE);
      if (ackAt <= now)
        ticket.events = [{ type: 'acknowledged', at: new Date(ackAt).toISOString() }];
    }
    tickets.push(ticket);
  }
  return tickets;
}
