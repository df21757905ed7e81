import type { ErrorObject } from 'ajv';
import type { ErrorDetail } from '../domain/errors.js';

/**
 * Turns Ajv's errors into sentences a person can act on. Ajv reports every branch of a
 * failed anyOf; we keep the most specific ones and drop the noise.
 */
export function explainErrors(errors: readonly ErrorObject[], data: unknown): ErrorDetail[] {
  const anyOfPaths = new Set(
    errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath),
  );
  const out: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // Branch failures under an anyOf say nothing useful on their own; the anyOf line covers them.
    if (
      anyOfPaths.has(e.instancePath) &&
      e.keyword !== 'anyOf' &&
      e.keyword !== 'oneOf' &&
      e.schemaPath.includes('anyOf')
    )
      continue;
    const detail = explainOne(e, data);
    const key = `${detail.path}\u0000${detail.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(detail);
    }
  }
  return out;
}

function explainOne(e: ErrorObject, data: unknown): ErrorDetail {
  const path = e.instancePath;
  const value = valueAt(data, path);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return {
        path: join(path, String(p.additionalProperty)),
        message: `unknown field "${String(p.additionalProperty)}"${allowedFields(e)}`,
      };
    case 'required':
      return {
        path: join(path, String(p.missingProperty)),
        message: `"${String(p.missingProperty)}" is required`,
      };
    case 'type':
      return { path, message: `must be ${article(String(p.type))} (got ${describe(value)})` };
    case 'enum':
      return {
        path,
        message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (got ${describe(value)})`,
      };
    case 'const':
      return {
        path,
        message: `must be ${JSON.stringify(p.allowedValue)} (got ${describe(value)})`,
      };
    case 'minLength':
      return {
        path,
        message:
          Number(p.limit) === 1
            ? 'must not be empty'
            : `must be at least ${String(p.limit)} characters long`,
      };
    case 'maxLength':
      return {
        path,
        message: `must be at most ${String(p.limit)} characters long (got ${String((value as string).length)})`,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        path,
        message: `must be ${String(p.comparison)} ${String(p.limit)} (got ${describe(value)})`,
      };
    case 'minItems':
      return {
        path,
        message: `must have at least ${String(p.limit)} item${Number(p.limit) === 1 ? '' : 's'}`,
      };
    case 'maxItems':
      return { path, message: `must have at most ${String(p.limit)} items` };
    case 'uniqueItems':
      return { path, message: 'must not repeat items' };
    case 'pattern':
      return {
        path,
        message: `${describe(value)} is not in the expected form${e.parentSchema?.description ? `: ${String(e.parentSchema.description)}` : ''}`,
      };
    case 'format':
      return { path, message: `must be ${formatName(String(p.format))} (got ${describe(value)})` };
    case 'anyOf':
    case 'oneOf':
      return {
        path,
        message: `${describe(value)} is not valid here${e.parentSchema?.description ? `: ${String(e.parentSchema.description)}` : ''}`,
      };
    default:
      return { path, message: e.message ?? 'is invalid' };
  }
}

function allowedFields(e: ErrorObject): string {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)
    ?.properties;
  if (!props) return '';
  const names = Object.keys(props);
  return names.length > 0 && names.length <= 12 ? `; known fields are ${names.join(', ')}` : '';
}

function formatName(format: string): string {
  if (format === 'date-time') return 'a date-time with a time zone, like 2026-10-05T09:30:00Z';
  if (format === 'date') return 'a date like 2026-10-05';
  return `a valid ${format}`;
}

function article(type: string): string {
  if (type === 'integer') return 'a whole number';
  if (type === 'array') return 'a list';
  if (type === 'object') return 'an object';
  if (type === 'null') return 'null';
  return `a ${type}`;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return `${typeof value} ${String(value)}`;
}

function join(path: string, key: string): string {
  return `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
