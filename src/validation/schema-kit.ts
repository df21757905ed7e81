import { Type, type TSchema, type TUnsafe } from 'typebox';

/**
 * Small schema builders shared by the policy file and the HTTP API, so both speak the
 * same JSON Schema and produce the same error messages.
 */

/** A string from a fixed list; an `enum` keeps validation errors to one readable line. */
export function oneOf<const T extends readonly string[]>(
  values: T,
  options: Record<string, unknown> = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** An object that rejects fields it does not know: a typo should never be silently ignored. */
export function strictObject<T extends Record<string, TSchema>>(
  properties: T,
  options: Record<string, unknown> = {},
) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}
