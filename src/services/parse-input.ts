import type { Static, TSchema } from 'typebox';
import { invalidInput } from '../domain/errors.js';
import { compileSchema } from '../validation/ajv.js';
import { explainErrors } from '../validation/explain.js';

/** Checks input against a verb's schema; every problem is reported at once, with where it is. */
export function parseInput<S extends TSchema>(schema: S, input: unknown, what: string): Static<S> {
  const validate = compileSchema(schema);
  if (validate(input)) return input as Static<S>;
  const details = explainErrors(validate.errors ?? [], input);
  const summary = details
    .map((d) => `${d.path ? `${d.path.slice(1).replace(/\//g, '.')}: ` : ''}${d.message}`)
    .join('; ');
  throw invalidInput(`${what}: ${summary}`, details);
}
