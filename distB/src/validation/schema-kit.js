import { Type } from 'typebox';
/**
 * Small schema builders shared by the policy file and the HTTP API, so both speak the
 * same JSON Schema and produce the same error messages.
 */
/** A string from a fixed list; an `enum` keeps validation errors to one readable line. */
export function oneOf(values, options = {}) {
    return Type.Unsafe({ type: 'string', enum: [...values], ...options });
}
/** An object that rejects fields it does not know: a typo should never be silently ignored. */
export function strictObject(properties, options = {}) {
    return Type.Object(properties, { additionalProperties: false, ...options });
}
//# sourceMappingURL=schema-kit.js.map