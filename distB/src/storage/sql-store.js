import { sql } from 'kysely';
import { SuretyError } from '../domain/errors.js';
import { chunks } from './chunks.js';
import { metricRepository } from './metric-repository.js';
import { alertRepository, cursorRepository } from './alert-repository.js';
import { notificationRepository } from './notification-repository.js';
import { creditRepository } from './credit-repository.js';
import { improvementRepository } from './improvement-repository.js';
import { reportRepository } from './report-repository.js';
/**
 * The Store over Kysely: one implementation for both databases. Where they differ, it asks
 * the dialect's capabilities; there is no "if sqlite" here.
 */
export class SqlStore {
    db;
    caps;
    bulk;
    onClose;
    inTransaction;
    customers;
    tickets;
    clocks;
    signals;
    tokens;
    meta;
    metrics;
    cursors;
    alerts;
    notifications;
    credits;
    improvements;
    reports;
    constructor(db, caps, bulk, onClose, inTransaction = false) {
        this.db = db;
        this.caps = caps;
        this.bulk = bulk;
        this.onClose = onClose;
        this.inTransaction = inTransaction;
        this.customers = customerRepository(db);
        this.tickets = ticketRepository(db, caps);
        this.clocks = clockRepository(db, caps);
        this.signals = signalRepository(db, caps);
        this.tokens = tokenRepository(db);
        this.meta = metaRepository(db);
        this.metrics = metricRepository(db, caps, bulk);
        this.cursors = cursorRepository(db);
        this.alerts = alertRepository(db, caps);
        this.notifications = notificationRepository(db, caps);
        this.credits = creditRepository(db);
        this.improvements = improvementRepository(db, caps);
        this.reports = reportRepository(db);
    }
    get dialect() {
        return this.caps.name;
    }
    async transaction(work) {
        if (this.inTransaction)
            return work(this);
        try {
            return await this.db.transaction().execute((trx) => work(new SqlStore(trx, this.caps, this.bulk, async () => { }, true)));
        }
        catch (err) {
            // Two writers racing past the same existence check: the loser learns it as a conflict.
            const unique = this.caps.uniqueViolation(err);
            if (unique)
                throw new SuretyError('conflict', DUPLICATE[unique.table] ?? `that ${unique.table} record already exists`);
            throw err;
        }
    }
    async optimize() {
        await this.caps.optimize(this.db);
    }
    close() {
        return this.onClose();
    }
}
const DUPLICATE = {
    customers: 'a customer with that id already exists',
    tickets: 'that customer already has a ticket with this external id',
    ticket_events: 'another event was recorded on this ticket at the same moment; send it again',
    tokens: 'that token already exists',
};
function customerRepository(db) {
    const toRow = (c) => ({
        id: c.id,
        name: c.name,
        plan: c.plan ?? null,
        monthly_fee_minor: c.monthlyFeeMinor,
        currency: c.currency,
        overrides: JSON.stringify(c.overrides),
        created_at: c.createdAt,
    });
    const fromRow = (r) => ({
        id: r.id,
        name: r.name,
        plan: r.plan ?? undefined,
        monthlyFeeMinor: r.monthly_fee_minor,
        currency: r.currency,
        overrides: JSON.parse(r.overrides),
        createdAt: r.created_at,
    });
    return {
        async insert(c) {
            await db.insertInto('customers').values(toRow(c)).execute();
        },
        async upsert(c) {
            const { id, created_at, ...rest } = toRow(c);
            await db
                .insertInto('customers')
                .values({ id, created_at, ...rest })
                .onConflict((oc) => oc.column('id').doUpdateSet(rest))
                .execute();
        },
        async get(id) {
            const r = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
            return r && fromRow(r);
        },
        async list() {
            return (await db.selectFrom('customers').selectAll().orderBy('id').execute()).map(fromRow);
        },
    };
}
function eventFromRow(r) {
    return {
        seq: r.seq,
        type: r.type,
        at: r.at,
        recordedAt: r.recorded_at,
        actor: r.actor ?? undefined,
        note: r.note ?? undefined,
        rating: r.rating ?? undefined,
        kind: r.kind ?? undefined,
        priority: r.priority ?? undefined,
    };
}
function ticketFromRow(r, events) {
    return {
        id: r.id,
        customer: r.customer_id,
        kind: r.created_kind,
        priority: r.created_priority,
        currentKind: r.kind,
        currentPriority: r.priority,
        channel: r.channel,
        subject: r.subject,
        body: r.body,
        externalId: r.external_id ?? undefined,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        status: r.status,
        breached: r.breached === 1,
        nextDueAt: r.next_due_at,
        expeditedAt: r.expedited_at ?? null,
        events,
    };
}
const summaryColumns = (s) => ({
    status: s.status,
    kind: s.currentKind,
    priority: s.currentPriority,
    breached: s.breached ? 1 : 0,
    next_due_at: s.nextDueAt,
    updated_at: s.updatedAt,
    expedited_at: s.expeditedAt ?? null,
});
const eventRow = (id, e) => ({
    ticket_id: id,
    seq: e.seq,
    type: e.type,
    at: e.at,
    recorded_at: e.recordedAt,
    actor: e.actor ?? null,
    note: e.note ?? null,
    rating: e.rating ?? null,
    kind: e.kind ?? null,
    priority: e.priority ?? null,
});
const ticketRow = (t, s, events) => ({
    customer_id: t.customer,
    created_kind: t.kind,
    created_priority: t.priority,
    channel: t.channel,
    subject: t.subject,
    body: t.body,
    external_id: t.externalId ?? null,
    created_at: t.createdAt,
    last_event_at: events[events.length - 1]?.at ?? t.createdAt,
    event_count: events.length,
    ...summaryColumns(s),
});
function ticketRepository(db, caps) {
    async function withEvents(rows) {
        if (rows.length === 0)
            return [];
        const byTicket = new Map(rows.map((r) => [r.id, []]));
        for (const chunk of chunks(rows.map((r) => r.id), 5_000)) {
            const events = await db.selectFrom('ticket_events').selectAll().where('ticket_id', 'in', chunk).orderBy('ticket_id').orderBy('seq').execute();
            for (const e of events)
                byTicket.get(e.ticket_id).push(eventFromRow(e));
        }
        return rows.map((r) => ticketFromRow(r, byTicket.get(r.id)));
    }
    return {
        async insert(t, s) {
            const row = await db.insertInto('tickets').values(ticketRow(t, s, [])).returning('id').executeTakeFirstOrThrow();
            return Number(row.id);
        },
        async insertMany(items) {
            const ids = [];
            // 17 columns a ticket row, 10 an event row: stay under the bound-parameter limit.
            for (const chunk of chunks(items, Math.floor(caps.maxParameters / 17))) {
                const rows = await db.insertInto('tickets').values(chunk.map((i) => ticketRow(i.ticket, i.summary, i.events))).returning('id').execute();
                // Ids are drawn in VALUES order, but RETURNING promises no order: sort to pair them up.
                ids.push(...rows.map((r) => Number(r.id)).sort((a, b) => a - b));
            }
            const events = items.flatMap((item, i) => item.events.map((e) => eventRow(ids[i], e)));
            for (const chunk of chunks(events, Math.floor(caps.maxParameters / 10)))
                await db.insertInto('ticket_events').values(chunk).execute();
            return ids;
        },
        async get(id, options = {}) {
            let q = db.selectFrom('tickets').selectAll().where('id', '=', id);
            if (options.lock && caps.supportsRowLocks)
                q = q.forUpdate();
            const row = await q.executeTakeFirst();
            return row ? (await withEvents([row]))[0] : undefined;
        },
        async getMany(ids, options = {}) {
            if (ids.length === 0)
                return [];
            const rows = [];
            for (const chunk of chunks(ids, 5_000)) {
                let q = db.selectFrom('tickets').selectAll().where('id', 'in', chunk).orderBy('id');
                if (options.lock && caps.supportsRowLocks)
                    q = q.forUpdate();
                rows.push(...(await q.execute()));
            }
            return withEvents(rows);
        },
        async findByExternalId(customer, externalId) {
            const r = await db.selectFrom('tickets').select('id').where('customer_id', '=', customer).where('external_id', '=', externalId).executeTakeFirst();
            return r?.id;
        },
        async appendEvents(id, events) {
            if (events.length === 0)
                return;
            await db.insertInto('ticket_events').values(events.map((e) => eventRow(id, e))).execute();
            const last = events[events.length - 1];
            await db.updateTable('tickets').set({ last_event_at: last.at, event_count: last.seq }).where('id', '=', id).execute();
        },
        async updateSummary(id, s) {
            await db.updateTable('tickets').set(summaryColumns(s)).where('id', '=', id).execute();
        },
        async list(query) {
            let q = db.selectFrom('tickets');
            if (query.customer !== undefined)
                q = q.where('customer_id', '=', query.customer);
            if (query.statuses && query.statuses.length > 0)
                q = q.where('status', 'in', [...query.statuses]);
            if (query.kind !== undefined)
                q = q.where('kind', '=', query.kind);
            if (query.priority !== undefined)
                q = q.where('priority', '=', query.priority);
            if (query.breached !== undefined)
                q = q.where('breached', '=', query.breached ? 1 : 0);
            if (query.expedited !== undefined)
                q = q.where('expedited_at', query.expedited ? 'is not' : 'is', null);
            const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
            let rows = q.selectAll();
            rows =
                query.order === 'queue'
                    ? rows
                        .orderBy(sql `case when expedited_at is null then 1 else 0 end`)
                        .orderBy('breached', 'desc')
                        .orderBy(sql `case when next_due_at is null then 1 else 0 end`)
                        .orderBy('next_due_at')
                        .orderBy('id')
                    : rows.orderBy('created_at', 'desc').orderBy('id', 'desc');
            const page = await rows.limit(query.limit).offset(query.offset).execute();
            return { tickets: await withEvents(page), total: Number(total.n) };
        },
        async idsWithStatus(statuses, afterId, limit) {
            const rows = await db.selectFrom('tickets').select('id').where('status', 'in', [...statuses]).where('id', '>', afterId).orderBy('id').limit(limit).execute();
            return rows.map((r) => Number(r.id));
        },
        async eventsBetween(types, from, to, customer) {
            let q = db
                .selectFrom('ticket_events as e')
                .innerJoin('tickets as t', 't.id', 'e.ticket_id')
                .select(['e.ticket_id', 'e.type', 'e.at', 'e.rating', 't.customer_id', 't.kind', 't.priority', 't.channel'])
                .where('e.type', 'in', [...types])
                .where('e.at', '>=', from)
                .where('e.at', '<', to);
            if (customer !== undefined)
                q = q.where('t.customer_id', '=', customer);
            const rows = await q.orderBy('e.at').orderBy('e.ticket_id').orderBy('e.seq').execute();
            return rows.map((r) => ({
                ticketId: Number(r.ticket_id),
                customer: r.customer_id,
                kind: r.kind,
                priority: r.priority,
                channel: r.channel,
                type: r.type,
                at: r.at,
                rating: r.rating,
            }));
        },
        async countCreated(from, to, customer) {
            let q = db
                .selectFrom('tickets')
                .select(['customer_id', 'kind', 'channel', (eb) => eb.fn.countAll().as('n')])
                .where('created_at', '>=', from)
                .where('created_at', '<', to);
            if (customer !== undefined)
                q = q.where('customer_id', '=', customer);
            const rows = await q.groupBy(['customer_id', 'kind', 'channel']).execute();
            return rows.map((r) => ({ customer: r.customer_id, kind: r.kind, channel: r.channel, count: Number(r.n) }));
        },
        async idsCreated(from, to, kinds, customer, limit) {
            let q = db.selectFrom('tickets').select(['id', 'customer_id']).where('created_at', '>=', from).where('created_at', '<', to).where('kind', 'in', [...kinds]);
            if (customer !== undefined)
                q = q.where('customer_id', '=', customer);
            return (await q.orderBy('created_at').orderBy('id').limit(limit).execute()).map((r) => ({ ticketId: Number(r.id), customer: r.customer_id }));
        },
    };
}
function clockFromRow(r) {
    return {
        ticketId: Number(r.ticket_id),
        commitment: r.commitment,
        customer: r.customer_id,
        state: r.state,
        targetMs: r.target_ms,
        dueAt: r.due_at,
        stoppedAt: r.stopped_at,
        breachedAt: r.breached_at,
        nextAt: r.next_at,
        warned: r.warned,
    };
}
function clockRepository(db, caps) {
    const perRow = 10;
    return {
        async replaceForTicket(ticketId, rows) {
            await db.deleteFrom('ticket_clocks').where('ticket_id', '=', ticketId).execute();
            await this.insertMany(rows);
        },
        async insertMany(rows) {
            for (const chunk of chunks(rows, Math.floor(caps.maxParameters / perRow))) {
                await db
                    .insertInto('ticket_clocks')
                    .values(chunk.map((c) => ({
                    ticket_id: c.ticketId,
                    commitment: c.commitment,
                    customer_id: c.customer,
                    state: c.state,
                    target_ms: c.targetMs,
                    due_at: c.dueAt,
                    stopped_at: c.stoppedAt,
                    breached_at: c.breachedAt,
                    next_at: c.nextAt,
                    warned: c.warned,
                })))
                    .execute();
            }
        },
        async forTicket(ticketId) {
            return (await db.selectFrom('ticket_clocks').selectAll().where('ticket_id', '=', ticketId).orderBy('commitment').execute()).map(clockFromRow);
        },
        async changingBefore(before, limit) {
            const rows = await db.selectFrom('ticket_clocks').selectAll().where('next_at', 'is not', null).where('next_at', '<', before).orderBy('next_at').limit(limit).execute();
            return rows.map(clockFromRow);
        },
        async settledBetween(from, to, customer) {
            let q = db
                .selectFrom('ticket_clocks')
                .selectAll()
                .where((eb) => eb.or([
                eb.and([eb('breached_at', '>=', from), eb('breached_at', '<', to)]),
                eb.and([eb('state', '=', 'met'), eb('stopped_at', '>=', from), eb('stopped_at', '<', to)]),
            ]));
            if (customer !== undefined)
                q = q.where('customer_id', '=', customer);
            return (await q.orderBy('ticket_id').orderBy('commitment').execute()).map(clockFromRow);
        },
    };
}
function signalRepository(db, caps) {
    const fromRow = (r) => ({
        id: Number(r.id),
        at: r.at,
        recordedAt: r.recorded_at,
        type: r.type,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        commitment: r.commitment,
        customer: r.customer_id,
        data: JSON.parse(r.data),
    });
    return {
        async append(signals) {
            const out = [];
            for (const chunk of chunks(signals, Math.floor(caps.maxParameters / 10))) {
                const rows = await db
                    .insertInto('signals')
                    .values(chunk.map((s) => ({
                    at: s.at,
                    recorded_at: s.recordedAt,
                    type: s.type,
                    subject_type: s.subjectType,
                    subject_id: s.subjectId,
                    commitment: s.commitment,
                    customer_id: s.customer,
                    data: JSON.stringify(s.data),
                    dedupe_key: s.dedupeKey,
                })))
                    .onConflict((oc) => oc.column('dedupe_key').doNothing())
                    .returningAll()
                    .execute();
                out.push(...rows.map(fromRow));
            }
            return out;
        },
        async after(cursor, limit, filter = {}) {
            let q = db.selectFrom('signals').selectAll().where('id', '>', cursor);
            if (filter.customer !== undefined)
                q = q.where('customer_id', '=', filter.customer);
            if (filter.subjectId !== undefined)
                q = q.where('subject_id', '=', filter.subjectId);
            if (filter.subjectType !== undefined)
                q = q.where('subject_type', '=', filter.subjectType);
            if (filter.type !== undefined)
                q = q.where('type', '=', filter.type);
            return (await q.orderBy('id').limit(limit).execute()).map(fromRow);
        },
    };
}
function tokenRepository(db) {
    const fromRow = (r) => ({
        id: r.id,
        hash: r.hash,
        role: r.role,
        customer: r.customer_id,
        name: r.name,
        createdAt: r.created_at,
        revokedAt: r.revoked_at,
    });
    return {
        async insert(t) {
            await db
                .insertInto('tokens')
                .values({ id: t.id, hash: t.hash, role: t.role, customer_id: t.customer, name: t.name, created_at: t.createdAt, revoked_at: t.revokedAt })
                .execute();
        },
        async findByHash(hash) {
            const r = await db.selectFrom('tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
            return r && fromRow(r);
        },
        async list() {
            return (await db.selectFrom('tokens').selectAll().orderBy('created_at').orderBy('id').execute()).map(fromRow);
        },
        async revoke(id, at) {
            const r = await db.updateTable('tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
            return Number(r.numUpdatedRows) > 0;
        },
        async countActive(role) {
            const r = await db
                .selectFrom('tokens')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('role', '=', role)
                .where('revoked_at', 'is', null)
                .executeTakeFirstOrThrow();
            return Number(r.n);
        },
    };
}
function metaRepository(db) {
    return {
        async get(key) {
            return (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
        },
        async set(key, value) {
            await db.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
        },
    };
}
//# sourceMappingURL=sql-store.js.map