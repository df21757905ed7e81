import { Type, type Static } from 'typebox';
import { strictObject } from '../../validation/schema-kit.js';
import { oneOf } from '../../validation/schema-kit.js';
import { AddEventInput } from './add-event.js';
import { CreateTicketInput } from './create.js';

export const MAX_IMPORT = 10_000;

const ImportedEvent = strictObject({
  ...AddEventInput.properties,
  at: Type.String({ description: 'when it happened (RFC 3339)' }),
});

export const ImportTicketsInput = strictObject({
  tickets: Type.Array(
    strictObject({
      ...CreateTicketInput.properties,
      customer: Type.String({ minLength: 1 }),
      createdAt: Type.String({ description: 'when the ticket was opened (RFC 3339)' }),
      events: Type.Optional(Type.Array(ImportedEvent, { maxItems: 1000 })),
    }),
    { minItems: 1, maxItems: MAX_IMPORT },
  ),
  existing: Type.Optional(
    oneOf(['refuse', 'replace'] as const, {
      description:
        'a ticket whose customer already has its externalId: refused (the default, nothing is imported), or its history replaced by this one (admin; a correction with its audit entry)',
    }),
  ),
  reason: Type.Optional(
    Type.String({
      minLength: 3,
      maxLength: 2000,
      description: 'with existing: replace, why the histories are corrected (for the audit trail)',
    }),
  ),
  by: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'who corrects them (the token by default)',
    }),
  ),
});

export type ImportTicketsInput = Static<typeof ImportTicketsInput>;
