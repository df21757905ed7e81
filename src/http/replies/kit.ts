import { Type, type Static, type TSchema } from 'typebox';

/**
 * Reply schemas describe what the API answers, for the OpenAPI document and the dashboard's
 * generated types. Replies are still written with JSON.stringify (see server.ts), so a
 * schema never drops or reshapes a field; a test checks real replies against them.
 */

export const Iso = Type.String({ format: 'date-time' });

/** A value or null: OpenAPI 3.0 has no null type, so it says `nullable` instead. */
export const orNull = <T extends TSchema>(schema: T) =>
  Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });

/** A reference to a named schema of the document's components. */
export const ref = <T extends TSchema>(name: string, _schema: T) =>
  Type.Unsafe<Static<T>>({ $ref: `#/components/schemas/${name}` });

export const Localized = Type.Object({ en: Type.String(), zh: Type.String() });
