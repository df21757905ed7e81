import { sql, type Kysely, type Selectable } from 'kysely';
import type { Customer } from '../domain/customer.js';
import { SuretyError } from '../domain/errors.js';
import type { Priority, TicketEvent, TicketKind, TicketStatus } from '../domain/ticket.js';
import type {
  ClockRepository,
  ClockRow,
  CustomerRepository,
  MetaRepository,
  MetricRepository,
  ImprovementRepository,
  ReportRepository,
  Signal,
  SignalRepository,
  Store,
  StoredTicket,
  StoredToken,
  TicketRepository,
  NewTicket,
  TicketSummary,
  TokenRepository,
} from '../services/store.js';
import type { Database, TicketClocksTable, TicketEventsTable, TicketsTable } from './database.js';
import type { BulkWriter, DialectCapabilities } from './dialects/capabilities.js';
import { chunks } from './chunks.js';
import { metricRepository } from './metric-repository.js';
import {
  agentRepository,
  checkupRepository,
  incidentRepository,
  maintenanceRepository,
  monitorRepository,
} from './availability-repositories.js';
import type {
  AgentRepository,
  CheckupRepository,
  IncidentRepository,
  MaintenanceRepository,
  MonitorRepository,
} from '../services/availability/store.js';
import { alertRepository, cursorRepository } from './alert-repository.js';
import { notificationRepository } from './notification-repository.js';
import { creditRepository } from './credit-repository.js';
import type {
  AlertRepository,
  CreditRepository,
  CursorRepository,
  NotificationRepository,
} from '../services/consequence-store.js';
import { improvementRepository } from './improvement-repository.js';
import { reportRepository } from './report-repository.js';
import { correctionRepository } from './correction-repository.js';
import type { CorrectionRepository } from '../services/correction-store.js';
import { reportScheduleRepository } from './report-schedule-repository.js';
import type { ReportScheduleRepository } from '../services/report-schedule-store.js';

/**
 * The Store over Kysely: one implementation for both databases. Where they differ, it asks
 * the dialect's capabilities; there is no "if sqlite" here.
 */
export class SqlStore implements Store {
  readonly customers: CustomerRepository;
  readonly tickets: TicketRepository;
  readonly clocks: ClockRepository;
  readonly signals: SignalRepository;
  readonly tokens: TokenRepository;
  readonly meta: MetaRepository;
  readonly metrics: MetricRepository;
  readonly monitors: MonitorRepository;
  readonly incidents: IncidentRepository;
  readonly maintenance: MaintenanceRepository;
  readonly agents: AgentRepository;
  readonly checkups: CheckupRepository;
  readonly cursors: CursorRepository;
  readonly alerts: AlertRepository;
  readonly notifications: NotificationRepository;
  readonly credits: CreditRepository;
  readonly improvements: ImprovementRepository;
  readonly reports: ReportRepository;
  readonly corrections: CorrectionRepository;
  readonly reportSchedules: ReportScheduleRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
    private readonly bulk: BulkWriter,
    private readonly onClose: () => Promise<void>,
    private readonly inTransaction = false,
  ) {
    this.customers = customerRepository(db);
    this.tickets = ticketRepository(db, caps);
    this.clocks = clockRepository(db, caps);
    this.signals = signalRepository(db, caps);
    this.tokens = tokenRepository(db);
    this.meta = metaRepository(db);
    this.metrics = metricRepository(db, caps, bulk);
    this.monitors = monitorRepository(db, caps);
    this.incidents = incidentRepository(db, caps);
    this.maintenance = maintenanceRepository(db);
    this.agents = agentRepository(db);
    this.checkups = checkupRepository(db);
    this.cursors = cursorRepository(db);
    this.alerts = alertRepository(db, caps);
    this.notifications = notificationRepository(db, caps);
    this.credits = creditRepository(db);
    this.improvements = improvementRepository(db, caps);
    this.reports = reportRepository(db);
    this.corrections = correctionRepository(db);
    this.reportSchedules = reportScheduleRepository(db);
  }

  get dialect() {
    return this.caps.name;
  }

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    try {
      return await this.db
        .transaction()
        .execute((trx) => work(new SqlStore(trx, this.caps, this.bulk, async () => {}, true)));
    } catch (err) {
      // Two writers racing past the same existence check: the loser learns it as a conflict.
      const unique = this.caps.uniqueViolation(err);
      if (unique)
        throw new SuretyError(
          'conflict',
          DUPLICATE[unique.table] ?? `that ${unique.table} record already exists`,
        );
      throw err;
    }
  }

  async optimize(): Promise<void> {
    await this.caps.optimize(this.db);
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

const DUPLICATE: Record<string, string> = {
  customers: 'a customer with that id already exists',
  tickets: 'that customer already has a ticket with this external id',
  ticket_events: 'another event was recorded on this ticket at the same moment; send it again',
  tokens: 'that token already exists',
  monitors: 'a monitor with that id already exists',
  incidents: 'the service already has an open incident',
  incident_events: 'another change was recorded on this incident at the same moment; send it again',
};

function customerRepository(db: Kysely<Database>): CustomerRepository {
  const toRow = (c: Customer) => ({
    id: c.id,
    name: c.name,
    plan: c.plan ?? null,
    monthly_fee_minor: c.monthlyFeeMinor,
    currency: c.currency,
    overrides: JSON.stringify(c.overrides),
    created_at: c.createdAt,
  });
  const fromRow = (r: Selectable<Database['customers']>): Customer => ({
    id: r.id,
    name: r.name,
    plan: r.plan ?? undefined,
    monthlyFeeMinor: r.monthly_fee_minor,
    currency: r.currency,
    overrides: JSON.parse(r.overrides) as Customer['overrides'],
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
      const r = await db
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return r && fromRow(r);
    },
    async list() {
      return (await db.selectFrom('customers').selectAll().orderBy('id').execute()).map(fromRow);
    },
  };
}

function eventFromRow(r: Selectable<TicketEventsTable>): TicketEvent {
  return {
    seq: r.seq,
    type: r.type as TicketEvent['type'],
    at: r.at,
    recordedAt: r.recorded_at,
    actor: r.actor ?? undefined,
    note: r.note ?? undefined,
    rating: r.rating ?? undefined,
    kind: (r.kind as TicketKind | null) ?? undefined,
    priority: (r.priority as Priority | null) ?? undefined,
  };
}

function ticketFromRow(r: Selectable<TicketsTable>, events: TicketEvent[]): StoredTicket {
  return {
    id: r.id,
    customer: r.customer_id,
    kind: r.created_kind as TicketKind,
    priority: r.created_priority as Priority,
    currentKind: r.kind as TicketKind,
    currentPriority: r.priority as Priority,
    channel: r.channel as StoredTicket['channel'],
    subject: r.subject,
    body: r.body,
    externalId: r.external_id ?? undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    status: r.status as TicketStatus,
    breached: r.breached === 1,
    nextDueAt: r.next_due_at,
    expeditedAt: r.expedited_at ?? null,
    events,
  };
}

const summaryColumns = (s: TicketSummary) => ({
  status: s.status,
  kind: s.currentKind,
  priority: s.currentPriority,
  breached: s.breached ? 1 : 0,
  next_due_at: s.nextDueAt,
  updated_at: s.updatedAt,
  expedited_at: s.expeditedAt ?? null,
});

const eventRow = (id: number, e: TicketEvent) => ({
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

const ticketRow = (t: NewTicket, s: TicketSummary, events: readonly TicketEvent[]) => ({
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

function ticketRepository(db: Kysely<Database>, caps: DialectCapabilities): TicketRepository {
  async function withEvents(rows: Selectable<TicketsTable>[]): Promise<StoredTicket[]> {
    if (rows.length === 0) return [];
    const byTicket = new Map<number, TicketEvent[]>(rows.map((r) => [r.id, []]));
    for (const chunk of chunks(
      rows.map((r) => r.id),
      5_000,
    )) {
      const events = await db
        .selectFrom('ticket_events')
        .selectAll()
        .where('ticket_id', 'in', chunk)
        .orderBy('ticket_id')
        .orderBy('seq')
        .execute();
      for (const e of events) byTicket.get(e.ticket_id)!.push(eventFromRow(e));
    }
    return rows.map((r) => ticketFromRow(r, byTicket.get(r.id)!));
  }

  return {
    async insert(t, s) {
      const row = await db
        .insertInto('tickets')
        .values(ticketRow(t, s, []))
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async insertMany(items) {
      const ids: number[] = [];
      // 17 columns a ticket row, 10 an event row: stay under the bound-parameter limit.
      for (const chunk of chunks(items, Math.floor(caps.maxParameters / 17))) {
        const rows = await db
          .insertInto('tickets')
          .values(chunk.map((i) => ticketRow(i.ticket, i.summary, i.events)))
          .returning('id')
          .execute();
        // Ids are drawn in VALUES order, but RETURNING promises no order: sort to pair them up.
        ids.push(...rows.map((r) => Number(r.id)).sort((a, b) => a - b));
      }
      const events = items.flatMap((item, i) => item.events.map((e) => eventRow(ids[i]!, e)));
      for (const chunk of chunks(events, Math.floor(caps.maxParameters / 10)))
        await db.insertInto('ticket_events').values(chunk).execute();
      return ids;
    },
    async get(id, options = {}) {
      let q = db.selectFrom('tickets').selectAll().where('id', '=', id);
      if (options.lock && caps.supportsRowLocks) q = q.forUpdate();
      const row = await q.executeTakeFirst();
      return row ? (await withEvents([row]))[0] : undefined;
    },
    async getMany(ids, options = {}) {
      if (ids.length === 0) return [];
      const rows: Selectable<TicketsTable>[] = [];
      for (const chunk of chunks(ids, 5_000)) {
        let q = db.selectFrom('tickets').selectAll().where('id', 'in', chunk).orderBy('id');
        if (options.lock && caps.supportsRowLocks) q = q.forUpdate();
        rows.push(...(await q.execute()));
      }
      return withEvents(rows);
    },
    async findByExternalId(customer, externalId) {
      const r = await db
        .selectFrom('tickets')
        .select('id')
        .where('customer_id', '=', customer)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      return r?.id;
    },
    async appendEvents(id, events) {
      if (events.length === 0) return;
      await db
        .insertInto('ticket_events')
        .values(events.map((e) => eventRow(id, e)))
        .execute();
      const last = events[events.length - 1]!;
      await db
        .updateTable('tickets')
        .set({ last_event_at: last.at, event_count: last.seq })
        .where('id', '=', id)
        .execute();
    },
    async replaceHistory(id, t, events) {
      await db.deleteFrom('ticket_events').where('ticket_id', '=', id).execute();
      for (const chunk of chunks(
        events.map((e) => eventRow(id, e)),
        Math.floor(caps.maxParameters / 10),
      ))
        await db.insertInto('ticket_events').values(chunk).execute();
      const { customer_id: _customer, ...base } = ticketRow(
        t,
        {
          status: 'new',
          currentKind: t.kind,
          currentPriority: t.priority,
          breached: false,
          nextDueAt: null,
          updatedAt: 0,
        },
        events,
      );
      // The summary columns are the caller's to set (updateSummary), from the re-derived clocks.
      const {
        status: _s,
        kind: _k,
        priority: _p,
        breached: _b,
        next_due_at: _n,
        updated_at: _u,
        expedited_at: _e,
        ...attributes
      } = base;
      await db.updateTable('tickets').set(attributes).where('id', '=', id).execute();
    },
    async updateSummary(id, s) {
      await db
        .updateTable('tickets')
        .set({ ...summaryColumns(s), revision: sql<number>`revision + 1` })
        .where('id', '=', id)
        .execute();
    },
    async revisionsBefore(before, customer) {
      let q = db
        .selectFrom('tickets')
        .select([
          (eb) => eb.fn.countAll<number>().as('n'),
          (eb) => eb.fn.coalesce(eb.fn.sum<number>('revision'), sql<number>`0`).as('r'),
        ])
        .where('created_at', '<', before);
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      const r = await q.executeTakeFirstOrThrow();
      return { count: Number(r.n), revision: Number(r.r) };
    },
    async idsWithEvent(ids, type) {
      const out = new Set<number>();
      for (const chunk of chunks([...ids], 5_000)) {
        const rows = await db
          .selectFrom('ticket_events')
          .select('ticket_id')
          .distinct()
          .where('type', '=', type)
          .where('ticket_id', 'in', chunk)
          .execute();
        for (const r of rows) out.add(Number(r.ticket_id));
      }
      return out;
    },
    async list(query) {
      let q = db.selectFrom('tickets');
      if (query.customer !== undefined) q = q.where('customer_id', '=', query.customer);
      if (query.statuses && query.statuses.length > 0)
        q = q.where('status', 'in', [...query.statuses]);
      if (query.kind !== undefined) q = q.where('kind', '=', query.kind);
      if (query.priority !== undefined) q = q.where('priority', '=', query.priority);
      if (query.breached !== undefined) q = q.where('breached', '=', query.breached ? 1 : 0);
      if (query.expedited !== undefined)
        q = q.where('expedited_at', query.expedited ? 'is not' : 'is', null);
      const total = await q
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      let rows = q.selectAll();
      rows =
        query.order === 'queue'
          ? rows
              .orderBy(sql`case when expedited_at is null then 1 else 0 end`)
              .orderBy('breached', 'desc')
              .orderBy(sql`case when next_due_at is null then 1 else 0 end`)
              .orderBy('next_due_at')
              .orderBy('id')
          : rows.orderBy('created_at', 'desc').orderBy('id', 'desc');
      const page = await rows.limit(query.limit).offset(query.offset).execute();
      return { tickets: await withEvents(page), total: Number(total.n) };
    },
    async idsWithStatus(statuses, afterId, limit) {
      const rows = await db
        .selectFrom('tickets')
        .select('id')
        .where('status', 'in', [...statuses])
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => Number(r.id));
    },
    async eventsBetween(types, from, to, customer) {
      let q = db
        .selectFrom('ticket_events as e')
        .innerJoin('tickets as t', 't.id', 'e.ticket_id')
        .select([
          'e.ticket_id',
          'e.type',
          'e.at',
          'e.rating',
          't.customer_id',
          't.kind',
          't.priority',
          't.channel',
        ])
        .where('e.type', 'in', [...types])
        .where('e.at', '>=', from)
        .where('e.at', '<', to);
      if (customer !== undefined) q = q.where('t.customer_id', '=', customer);
      const rows = await q.orderBy('e.at').orderBy('e.ticket_id').orderBy('e.seq').execute();
      return rows.map((r) => ({
        ticketId: Number(r.ticket_id),
        customer: r.customer_id,
        kind: r.kind as TicketKind,
        priority: r.priority as Priority,
        channel: r.channel,
        type: r.type as TicketEvent['type'],
        at: r.at,
        rating: r.rating,
      }));
    },
    async countCreated(from, to, customer) {
      let q = db
        .selectFrom('tickets')
        .select(['customer_id', 'kind', 'channel', (eb) => eb.fn.countAll<number>().as('n')])
        .where('created_at', '>=', from)
        .where('created_at', '<', to);
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      const rows = await q.groupBy(['customer_id', 'kind', 'channel']).execute();
      return rows.map((r) => ({
        customer: r.customer_id,
        kind: r.kind as TicketKind,
        channel: r.channel,
        count: Number(r.n),
      }));
    },
    async idsCreated(from, to, kinds, customer, limit) {
      let q = db
        .selectFrom('tickets')
        .select(['id', 'customer_id'])
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .where('kind', 'in', [...kinds]);
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      return (await q.orderBy('created_at').orderBy('id').limit(limit).execute()).map((r) => ({
        ticketId: Number(r.id),
        customer: r.customer_id,
      }));
    },
  };
}

function clockFromRow(r: Selectable<TicketClocksTable>): ClockRow {
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

function clockRepository(db: Kysely<Database>, caps: DialectCapabilities): ClockRepository {
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
          .values(
            chunk.map((c) => ({
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
            })),
          )
          .execute();
      }
    },
    async forTicket(ticketId) {
      return (
        await db
          .selectFrom('ticket_clocks')
          .selectAll()
          .where('ticket_id', '=', ticketId)
          .orderBy('commitment')
          .execute()
      ).map(clockFromRow);
    },
    async changingBefore(before, limit) {
      const rows = await db
        .selectFrom('ticket_clocks')
        .selectAll()
        .where('next_at', 'is not', null)
        .where('next_at', '<', before)
        .orderBy('next_at')
        .limit(limit)
        .execute();
      return rows.map(clockFromRow);
    },
    async settledBetween(from, to, customer) {
      let q = db
        .selectFrom('ticket_clocks')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('breached_at', '>=', from), eb('breached_at', '<', to)]),
            eb.and([
              eb('state', '=', 'met'),
              eb('stopped_at', '>=', from),
              eb('stopped_at', '<', to),
            ]),
          ]),
        );
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      return (await q.orderBy('ticket_id').orderBy('commitment').execute()).map(clockFromRow);
    },
  };
}

function signalRepository(db: Kysely<Database>, caps: DialectCapabilities): SignalRepository {
  const fromRow = (r: Selectable<Database['signals']>): Signal => ({
    id: Number(r.id),
    at: r.at,
    recordedAt: r.recorded_at,
    type: r.type,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    commitment: r.commitment,
    customer: r.customer_id,
    data: JSON.parse(r.data) as Signal['data'],
  });
  return {
    async append(signals) {
      const out: Signal[] = [];
      for (const chunk of chunks(signals, Math.floor(caps.maxParameters / 10))) {
        const rows = await db
          .insertInto('signals')
          .values(
            chunk.map((s) => ({
              at: s.at,
              recorded_at: s.recordedAt,
              type: s.type,
              subject_type: s.subjectType,
              subject_id: s.subjectId,
              commitment: s.commitment,
              customer_id: s.customer,
              data: JSON.stringify(s.data),
              dedupe_key: s.dedupeKey,
            })),
          )
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returningAll()
          .execute();
        out.push(...rows.map(fromRow));
      }
      return out;
    },
    async after(cursor, limit, filter = {}) {
      let q = db.selectFrom('signals').selectAll().where('id', '>', cursor);
      if (filter.customer !== undefined) q = q.where('customer_id', '=', filter.customer);
      if (filter.subjectId !== undefined) q = q.where('subject_id', '=', filter.subjectId);
      if (filter.subjectType !== undefined) q = q.where('subject_type', '=', filter.subjectType);
      if (filter.type !== undefined) q = q.where('type', '=', filter.type);
      return (await q.orderBy('id').limit(limit).execute()).map(fromRow);
    },
  };
}

function tokenRepository(db: Kysely<Database>): TokenRepository {
  const fromRow = (r: Selectable<Database['tokens']>): StoredToken => ({
    id: r.id,
    hash: r.hash,
    role: r.role as StoredToken['role'],
    customer: r.customer_id,
    name: r.name,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  });
  return {
    async insert(t) {
      await db
        .insertInto('tokens')
        .values({
          id: t.id,
          hash: t.hash,
          role: t.role,
          customer_id: t.customer,
          name: t.name,
          created_at: t.createdAt,
          revoked_at: t.revokedAt,
        })
        .execute();
    },
    async findByHash(hash) {
      const r = await db
        .selectFrom('tokens')
        .selectAll()
        .where('hash', '=', hash)
        .executeTakeFirst();
      return r && fromRow(r);
    },
    async list() {
      return (
        await db.selectFrom('tokens').selectAll().orderBy('created_at').orderBy('id').execute()
      ).map(fromRow);
    },
    async revoke(id, at) {
      const r = await db
        .updateTable('tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async countActive(role) {
      const r = await db
        .selectFrom('tokens')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', role)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}

function metaRepository(db: Kysely<Database>): MetaRepository {
  return {
    async get(key) {
      return (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())
        ?.value;
    },
    async set(key, value) {
      await db
        .insertInto('meta')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}
