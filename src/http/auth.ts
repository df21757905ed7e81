import type { FastifyRequest } from 'fastify';
import type { Caller } from '../services/context.js';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
  interface FastifyContextConfig {
    /** A route anyone may call without a token (health, the OpenAPI document). */
    public?: boolean;
  }
}

/** The secret from "Authorization: Bearer …" (or "Token …", as some clients send it). */
export function presentedSecret(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const m = /^(?:Bearer|Token)\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}
