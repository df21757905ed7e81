import { parseDuration } from '../domain/duration.js';
import { AGGREGATE_MEASURES } from './measures.js';
import type { Commitment, Comparison, TargetValue, Threshold } from './policy.js';

/**
 * Reads a target the way people write it for this commitment: a duration for a clock
 * ("15m"), a comparison for an aggregate (">= 99.9%", "<= 30m", ">= 4.5"). Returns a
 * message instead of throwing, so callers can say where the bad target was.
 */
export function parseTarget(
  commitment: Pick<Commitment, 'type' | 'measure'> & { scale?: number | undefined },
  raw: string | number,
): TargetValue | string {
  if (commitment.type !== 'aggregate') {
    const ms = typeof raw === 'string' ? parseDuration(raw) : undefined;
    if (ms === undefined || ms <= 0) {
      return `${JSON.stringify(raw)} is not a duration; a ${commitment.measure} target is the allowed time, like 15m, 2h or 3d`;
    }
    return ms;
  }
  const measure = AGGREGATE_MEASURES[commitment.measure as keyof typeof AGGREGATE_MEASURES];
  const text = String(raw).trim();
  const m = /^(>=|<=|>|<|≥|≤)?\s*(.+)$/.exec(text)!;
  const op = normaliseOp(m[1]) ?? (measure.better === 'higher' ? '>=' : '<=');
  const body = m[2]!.trim();
  const example =
    measure.unit === 'percent'
      ? '">= 99.9%"'
      : measure.unit === 'duration'
        ? '"<= 30m"'
        : '">= 4.5"';
  let threshold: Threshold | undefined;
  if (measure.unit === 'percent') {
    const p = /^(\d+(?:\.\d+)?)\s*%$/.exec(body);
    if (p && Number(p[1]) <= 100) threshold = { op, value: Number(p[1]), unit: 'percent' };
  } else if (measure.unit === 'duration') {
    const ms = parseDuration(body);
    if (ms !== undefined) threshold = { op, value: ms, unit: 'duration' };
  } else {
    const n = Number(body);
    const scale = commitment.scale ?? 5;
    if (body !== '' && Number.isFinite(n) && n >= 0 && n <= scale)
      threshold = { op, value: n, unit: 'score' };
  }
  if (!threshold)
    return `${JSON.stringify(raw)} is not a ${measure.unit} target for ${commitment.measure}; write it like ${example}`;
  const wrongWay =
    measure.better === 'higher' ? op === '<=' || op === '<' : op === '>=' || op === '>';
  if (wrongWay)
    return `${JSON.stringify(raw)} points the wrong way: for ${commitment.measure} ${measure.better} is better, so use ${measure.better === 'higher' ? '>=' : '<='}`;
  return threshold;
}

function normaliseOp(op: string | undefined): Comparison | undefined {
  if (op === '≥') return '>=';
  if (op === '≤') return '<=';
  return op as Comparison | undefined;
}

export function satisfies(value: number, t: Threshold): boolean {
  switch (t.op) {
    case '>=':
      return value >= t.value;
    case '<=':
      return value <= t.value;
    case '>':
      return value > t.value;
    case '<':
      return value < t.value;
  }
}
