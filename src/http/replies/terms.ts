import { Type } from 'typebox';
import { oneOf } from '../../validation/schema-kit.js';
import { Iso, orNull } from './kit.js';

const LoadedBy = Type.Object(
  {
    id: Type.String({ description: '"system" (surety serve) or "cli"' }),
    name: orNull(Type.String({ description: 'the operating-system user, when known' })),
  },
  { description: 'who started Surety with this version' },
);

const VersionFields = {
  hash: Type.String({ description: 'SHA-256 of the policy text, hex' }),
  effectiveFrom: Iso,
  loadedAt: Iso,
  loadedBy: LoadedBy,
  running: Type.Boolean({ description: 'the version this server runs' }),
};

/** The policy versions, newest first. */
export const PolicyVersionList = Type.Object({
  timezone: Type.String(),
  running: Type.String({ description: 'the hash of the version this server runs' }),
  versions: Type.Array(Type.Object(VersionFields)),
});

/** One version with its text. */
export const PolicyVersion = Type.Object({
  ...VersionFields,
  text: Type.String({ description: 'the policy file as it was loaded' }),
});

const MonthEvent = Type.Object({
  action: oneOf(['closed', 'reopened']),
  reason: Type.String(),
  at: Iso,
  by: Type.Object({ id: Type.String(), name: orNull(Type.String()) }),
});

/** A month: open or closed, why, and its closings and reopenings. */
export const Month = Type.Object({
  month: Type.String(),
  state: oneOf(['running', 'open', 'closed', 'reopened']),
  closed: Type.Boolean({ description: 'no policy change or recomputation re-derives it' }),
  final: Type.Boolean({ description: 'closed, and its closing recorded: its ledger is final' }),
  from: Iso,
  to: Iso,
  closesAt: orNull(Iso),
  why: Type.String(),
  history: Type.Array(MonthEvent),
});

export const MonthList = Type.Object({
  timezone: Type.String(),
  closeAfter: orNull(
    Type.Number({
      description: 'milliseconds after its end a month closes; null: never by itself',
    }),
  ),
  months: Type.Array(Month),
});
