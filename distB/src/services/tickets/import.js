import { Type } from 'typebox';
import { SuretyError, invalidInput } from '../../domain/errors.js';
import { parseInstant } from '../../domain/time.js';
import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import { applyEvent, initialState } from '../../sources/tickets/lifecycle.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import { parseInput } from '../parse-input.js';
import { AddEventInput, misplacedField } from './add-event.js';
import { CreateTicketInput } from './create.js';
import { clockRow, clockSignals, summarize } from './refresh-clocks.js';
export const MAX_IMPORT = 10_000;
const ImportedEvent = strictObject({ ...AddEventInput.properties, at: Type.String({ description: 'when it happened (RFC 3339)' }) });
export const ImportTicketsInput = strictObject({
    tickets: Type.Array(strictObject({
        ...CreateTicketInput.properties,
        customer: Type.String({ minLength: 1 }),
        createdAt: Type.String({ description: 'when the ticket was opened (RFC 3339)' }),
        events: Type.Optional(Type.Array(ImportedEvent, { maxItems: 1000 })),
    }), { minItems: 1, maxItems: MAX_IMPORT }),
});
/**
 * Imports tickets with their whole history from another helpdesk, in one transaction:
 * every ticket is checked first (times, order, lifecycle, customers), and one bad ticket
 * rejects the batch with every problem listed, so nothing is half imported.
 */
export async function importTickets({ ctx, input }) {
    requireRole(ctx.caller, ['admin', 'agent'], 'importing tickets');
    const body = parseInput(ImportTicketsInput, input, 'invalid import');
    const now = ctx.time.now();
    const problems = [];
    const prepared = body.tickets.map((t, i) => prepare(t, i, now, problems));
    const seen = new Map();
    body.tickets.forEach((t, i) => {
        if (t.externalId === undefined)
            return;
        const key = `${t.customer}\u0000${t.externalId}`;
        if (seen.has(key))
            problems.push({ path: `/tickets/${i}/externalId`, message: `"${t.externalId}" is also the external id of tickets[${seen.get(key)}] for the same customer` });
        seen.set(key, i);
    });
    if (problems.length > 0) {
        throw invalidInput(`invalid import: ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing was imported: ${problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ')}${problems.length > 5 ? '; …' : ''}`, problems);
    }
    return ctx.store.transaction(async (tx) => {
        const customerIds = [...new Set(prepared.map((p) => p.ticket.customer))];
        const customers = new Map(await Promise.all(customerIds.map(async (id) => [id, await tx.customers.get(id)])));
        const unknown = customerIds.filter((id) => !customers.get(id));
        if (unknown.length > 0)
            throw new SuretyError('unknown_reference', `invalid import: no customer ${unknown.map((u) => `"${u}"`).join(', ')}; nothing was imported`);
        for (const p of prepared) {
            const ext = p.ticket.externalId;
            const existing = ext === undefined ? undefined : await tx.tickets.findByExternalId(p.ticket.customer, ext);
            if (existing !== undefined)
                throw new SuretyError('conflict', `invalid import: customer "${p.ticket.customer}" already has ticket ${existing} with the external id "${ext}"; nothing was imported`);
        }
        const evaluated = prepared.map((p) => {
            const record = { ...p.ticket, id: 0, events: p.events, currentKind: p.ticket.kind, currentPriority: p.ticket.priority, status: 'new', updatedAt: now, breached: false, nextDueAt: null };
            const clocks = evaluateTicketClocks(ctx.policy, record, customers.get(record.customer), now);
            return { record, clocks, summary: summarize(record, clocks, now, ctx.policy) };
        });
        const ids = await tx.tickets.insertMany(evaluated.map((e) => ({ ticket: e.record, summary: e.summary, events: e.record.events })));
        const rows = evaluated.flatMap((e, i) => e.clocks.map((c) => clockRow(ids[i], e.record.customer, c)));
        await tx.clocks.insertMany(rows);
        await tx.signals.append(evaluated.flatMap((e, i) => e.clocks.flatMap((c) => clockSignals(ids[i], e.record.customer, c, now))));
        const breaches = rows.filter((r) => r.breachedAt !== null);
        return { imported: ids.length, ids, breaches: breaches.length };
    });
}
function prepare(t, i, now, problems) {
    const where = `/tickets/${i}`;
    const createdAt = time(t.createdAt, `${where}/createdAt`, now, problems);
    let state = initialState(t.kind, t.priority);
    let last = createdAt ?? 0;
    const events = [];
    (t.events ?? []).forEach((e, j) => {
        const path = `${where}/events/${j}`;
        const at = time(e.at, `${path}/at`, now, problems);
        if (at === undefined)
            return;
        if (at < last)
            problems.push({ path: `${path}/at`, message: `${e.at} is before the event or creation that precedes it; list events in the order they happened` });
        const misplaced = misplacedField(e);
        if (misplaced)
            problems.push({ path: `${path}${misplaced.path}`, message: misplaced.message });
        const next = applyEvent(state, e);
        if (typeof next === 'string')
            problems.push({ path: `${path}/type`, message: next });
        else
            state = next;
        last = Math.max(last, at);
        events.push({ seq: j + 1, type: e.type, at, recordedAt: now, actor: e.actor, note: e.note, rating: e.rating, kind: e.kind, priority: e.priority });
    });
    if (createdAt === undefined)
        return undefined;
    return {
        ticket: { customer: t.customer, kind: t.kind, priority: t.priority, channel: t.channel, subject: t.subject, body: t.body ?? '', externalId: t.externalId, createdAt },
        events,
    };
}
function time(text, path, now, problems) {
    const t = parseInstant(text);
    if (t === undefined)
        problems.push({ path, message: `"${text}" is not a date-time with a time zone, like 2026-10-05T09:30:00Z` });
    else if (t > now)
        problems.push({ path, message: `${text} is in the future` });
    else
        return t;
    return undefined;
}
//# sourceMappingURL=import.js.map