import { Type } from 'typebox';

/** Path parameters the availability routes share. */
export const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const NumberParams = Type.Object(
  { id: Type.String({ pattern: '^[0-9]{1,15}$' }) },
  { additionalProperties: false },
);
