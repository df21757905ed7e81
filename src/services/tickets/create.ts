import { formatDuration } from '../../domain/duration.js';
import { toIso } from '../../domain/time.js';
import { Type, type Static } from 'typebox';
import { SuretyError, invalidInput } from '../../domain/errors.js';
import { CHANNELS, PRIORITIES, TICKET_KINDS } from '../../domain/ticket.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import { recorderOf, type ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import type { Store, StoredTicket } from '../store/index.js';
import { clockRow, summarize } from '../clocks/rows.js';
import { clockSignals } from '../clocks/clock-signals.js';
import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import { pastOrNow } from './timestamps.js';
import { ticketView } from './view.js';
import { audit } from '../audit/record.js';
import { ticketState } from '../audit/snapshots.js';
import { policyAt } from '../policy/terms.js';

export const CreateTicketInput = strictObject({
  customer: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'the customer id; a customer token may leave it out',
    }),
  ),
  kind: oneOf(TICKET_KINDS),
  priority: oneOf(PRIORITIES),
  channel: oneOf(CHANNELS),
  subject: Type.String({ minLength: 1, maxLength: 500 }),
  body: Type.Optional(Type.String({ maxLength: 100_000 })),
  createdAt: Type.Optional(
    Type.String({ description: 'an RFC 3339 date-time in the past, for imported history' }),
  ),
  externalId: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: "the ticket's id in the helpdesk it came from; unique per customer",
    }),
  ),
});
export type CreateTicketInput = Static<typeof CreateTicketInput>;

export async function createTicket({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent', 'customer'], 'creating a ticket');
  const body = parseInput(CreateTicketInput, input, 'invalid ticket');
  // A customer could otherwise open tickets "created" days ago, already breached, and mint
  // credits: its tickets start when Surety receives them.
  if (ctx.caller.role === 'customer' && body.createdAt !== undefined)
    throw invalidInput(
      'invalid ticket: createdAt: a customer token cannot date a ticket; leave createdAt out and Surety records the time it receives it',
      [{ path: '/createdAt', message: 'not allowed for a customer token' }],
    );
  const now = ctx.time.now();
  const createdAt = pastOrNow(body.createdAt, now, 'createdAt');
  const tolerance = ctx.policy.lateEntryToleranceMs;
  // A ticket dated far back is history: its clocks may have run out before Surety heard of it.
  if (now - createdAt > tolerance && ctx.caller.role !== 'admin')
    throw new SuretyError(
      'late_entry',
      `createdAt: ${toIso(createdAt)} is ${formatDuration(now - createdAt)} ago, more than the policy's late-entry tolerance of ${formatDuration(tolerance)}; open the ticket now, or have an admin import its history (POST /api/v1/tickets/import)`,
      [{ path: '/createdAt', message: `more than ${formatDuration(tolerance)} ago: a late entry` }],
    );
  const customerId = resolveCustomer(ctx, body.customer);
  return ctx.store.transaction(async (tx) => {
    const customer = await tx.customers.get(customerId);
    if (!customer) {
      throw new SuretyError(
        'unknown_reference',
        `customer: there is no customer "${customerId}"; create it first (POST /api/v1/customers)`,
        [{ path: '/customer', message: 'unknown customer' }],
      );
    }
    await refuseDuplicate(tx, customerId, body.externalId);
    const fields = {
      customer: customerId,
      kind: body.kind,
      priority: body.priority,
      channel: body.channel,
      subject: body.subject,
      body: body.body ?? '',
      externalId: body.externalId,
      createdAt,
      recordedBy: recorderOf(ctx.caller),
      recordedAt: now,
    };
    // The clocks are derived before the insert, so the ticket is written once, complete.
    const draft: StoredTicket = {
      ...fields,
      id: 0,
      events: [],
      currentKind: body.kind,
      currentPriority: body.priority,
      status: 'new',
      updatedAt: now,
      breached: false,
      nextDueAt: null,
    };
    const terms = policyAt(ctx, draft.createdAt);
    const clocks = evaluateTicketClocks(terms, draft, customer, now);
    const id = await tx.tickets.insert(fields, summarize(draft, clocks, now, terms));
    await tx.clocks.insertMany(clocks.map((c) => clockRow(id, customerId, c)));
    await tx.signals.append(clocks.flatMap((c) => clockSignals(id, customerId, c, now)));
    await audit(tx, ctx, {
      action: 'ticket.created',
      type: 'ticket',
      id,
      state: ticketState({ ...fields, id, events: [] }),
    });
    return ticketView(terms, { ...draft, id }, clocks);
  });
}

function resolveCustomer(ctx: ServiceContext, requested: string | undefined): string {
  if (ctx.caller.role === 'customer') {
    if (requested !== undefined && requested !== ctx.caller.customer) {
      throw new SuretyError(
        'forbidden',
        'customer: a customer token can only open tickets for its own customer',
      );
    }
    return ctx.caller.customer!;
  }
  if (requested === undefined)
    throw new SuretyError('invalid_input', 'invalid ticket: customer: "customer" is required', [
      { path: '/customer', message: '"customer" is required' },
    ]);
  return requested;
}

async function refuseDuplicate(tx: Store, customer: string, externalId: string | undefined) {
  if (externalId === undefined) return;
  const existing = await tx.tickets.findByExternalId(customer, externalId);
  if (existing !== undefined) {
    throw new SuretyError(
      'conflict',
      `externalId: customer "${customer}" already has ticket ${existing} with the external id "${externalId}"`,
    );
  }
}
