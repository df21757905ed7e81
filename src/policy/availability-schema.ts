import { Type, type Static } from 'typebox';
import { oneOf, strictObject } from '../validation/schema-kit.js';

/**
 * The `availability` section of a policy file: where probes run, the monitors, planned
 * maintenance, burn-rate alerts, health-check suites and stress tests. Structure only; meaning
 * (monitor fields, windows, durations) is checked in compile-availability.ts with positions.
 */
const Id = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  description: 'letters, digits, "-", "_" or "."',
});
const Location = Type.String({
  pattern: '^[a-z0-9][a-z0-9_-]{0,62}$',
  description: 'a location name: lower-case letters, digits, "-" or "_" (like frankfurt)',
});
const Duration = (description: string) => Type.String({ minLength: 1, description });
const Clock = Type.String({ pattern: '^\\d{1,2}:\\d{2}$', description: 'a local time like 08:00' });

export const AvailabilitySchema = strictObject({
  locations: Type.Optional(
    Type.Array(Location, {
      minItems: 1,
      uniqueItems: true,
      description: 'where monitors run unless they say otherwise ([local]: the server itself)',
    }),
  ),
  quorum: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: 'how many locations must see a service down (a majority by default)',
    }),
  ),
  agentSilentAfter: Type.Optional(
    Duration('an agent not heard from this long is silent (2m by default)'),
  ),
  monitors: Type.Optional(
    Type.Array(
      Type.Object(
        {},
        {
          additionalProperties: true,
          description: 'a monitor: http, tcp, dns or heartbeat, plus optional locations',
        },
      ),
    ),
  ),
  maintenance: Type.Optional(
    Type.Array(
      strictObject({
        service: Type.Optional(Id),
        title: Type.Optional(Type.String({ minLength: 1 })),
        window: Type.String({
          minLength: 1,
          description:
            'like "every week on sun 02:00-03:00" or "2026-10-10T02:00+08:00/2026-10-10T04:00+08:00"',
        }),
      }),
    ),
  ),
  burnAlerts: Type.Optional(
    Type.Array(
      strictObject({
        name: Id,
        long: Duration('the long window, like 1h'),
        short: Duration('the short window, like 5m'),
        factor: Type.Number({
          exclusiveMinimum: 0,
          description: 'fires above this burn rate, like 14.4',
        }),
        severity: oneOf(['page', 'ticket'] as const),
      }),
      { minItems: 1 },
    ),
  ),
  healthChecks: Type.Optional(
    Type.Array(
      strictObject({
        id: Id,
        name: Type.Optional(Type.String({ minLength: 1 })),
        monitors: Type.Optional(
          Type.Array(Id, {
            minItems: 1,
            uniqueItems: true,
            description: 'the monitors of the suite (all of them by default)',
          }),
        ),
        at: Type.Optional(
          Type.Array(Clock, {
            minItems: 1,
            uniqueItems: true,
            description: 'local times in the policy time zone (08:00, 14:00, 20:00 by default)',
          }),
        ),
      }),
    ),
  ),
  stressTests: Type.Optional(
    Type.Array(
      strictObject({
        id: Id,
        name: Type.Optional(Type.String({ minLength: 1 })),
        every: Type.Optional(
          Type.String({
            minLength: 1,
            description:
              'when it is due, like "every week on sun 03:00-05:00" (every week by default)',
          }),
        ),
        target: Type.Optional(
          Type.String({
            minLength: 1,
            description:
              'a loopback URL Surety loads itself; without it, an external tool posts the result',
          }),
        ),
        requests: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
        concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 256 })),
        maxDuration: Type.Optional(Duration('a bound on the run, like 60s (the default)')),
        maxP99: Type.Optional(Duration('the slowest p99 latency that passes, like 500ms')),
        maxErrorRate: Type.Optional(
          Type.String({
            pattern: '^\\d+(\\.\\d+)?%$',
            description: 'the most failed requests that pass, like 1%',
          }),
        ),
      }),
    ),
  ),
});

export type AvailabilityDocument = Static<typeof AvailabilitySchema>;
