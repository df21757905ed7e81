import type { FailureCause } from '../../sources/probes/check-result.js';

/**
 * Node's socket, DNS and TLS errors → our cause codes and a phrase for the message.
 * Shared by the http and tcp checkers so the same failure reads the same everywhere.
 */

export interface ClassifiedError {
  readonly cause: FailureCause;
  /** Completes "… <phrase>", e.g. "refused the connection". */
  readonly phrase: string;
  readonly code?: string;
}

const BY_CODE: Readonly<Record<string, readonly [FailureCause, string]>> = {
  ECONNREFUSED: ['refused', 'refused the connection (nothing listens on that port)'],
  ECONNRESET: ['reset', 'reset the connection'],
  EPIPE: ['reset', 'closed the connection while the request was being sent'],
  ECONNABORTED: ['reset', 'aborted the connection'],
  ENOTFOUND: ['dns', 'could not be resolved: the name does not exist'],
  EAI_AGAIN: ['dns', 'could not be resolved: the DNS server failed or did not answer'],
  EAI_FAIL: ['dns', 'could not be resolved: the DNS server failed'],
  EAI_NODATA: ['dns', 'could not be resolved: the name has no address'],
  ENODATA: ['dns', 'could not be resolved: the name has no address'],
  EHOSTUNREACH: ['unreachable', 'is unreachable: no route to the host'],
  ENETUNREACH: ['unreachable', 'is unreachable: no route to the network'],
  EHOSTDOWN: ['unreachable', 'is unreachable: the host is down'],
  ENETDOWN: ['unreachable', 'is unreachable: the network is down'],
  EADDRNOTAVAIL: ['unreachable', 'is unreachable: the address is not available'],
  ETIMEDOUT: ['timeout', 'did not accept the connection in time'],
  ERR_TLS_CERT_ALTNAME_INVALID: ['tls', 'presented a certificate for another name'],
  CERT_HAS_EXPIRED: ['tls', 'presented an expired certificate'],
  CERT_NOT_YET_VALID: ['tls', 'presented a certificate that is not valid yet'],
  DEPTH_ZERO_SELF_SIGNED_CERT: ['tls', 'presented a self-signed certificate'],
  SELF_SIGNED_CERT_IN_CHAIN: [
    'tls',
    'presented a certificate chain ending in an untrusted self-signed root',
  ],
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: ['tls', 'presented a certificate whose issuer is unknown'],
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: ['tls', 'presented a certificate whose issuer is not trusted'],
  CERT_REVOKED: ['tls', 'presented a revoked certificate'],
};

export function classifySocketError(error: unknown): ClassifiedError {
  const code = errorCode(error);
  const known = code ? BY_CODE[code] : undefined;
  if (known) return { cause: known[0], phrase: known[1], code: code! };
  const message = error instanceof Error ? error.message : String(error);
  if (code?.startsWith('HPE_'))
    return {
      cause: 'protocol',
      phrase: `sent an answer that is not valid HTTP (${message})`,
      code,
    };
  if (code && /CERT|TLS|SSL/.test(code))
    return { cause: 'tls', phrase: `failed the TLS handshake (${code})`, code };
  // EPROTO is how OpenSSL reports a handshake gone wrong (like TLS spoken to a plain-HTTP port).
  if (code === 'EPROTO' || /ssl|tls|handshake/i.test(message))
    return {
      cause: 'tls',
      phrase: `failed the TLS handshake (${shorten(message)})`,
      ...(code ? { code } : {}),
    };
  return { cause: 'error', phrase: `failed: ${shorten(message)}`, ...(code ? { code } : {}) };
}

/** The error's code; Happy Eyeballs wraps one error per address in an AggregateError. */
export function errorCode(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown }).errors;
  return Array.isArray(inner) && inner.length > 0 ? errorCode(inner[0]) : undefined;
}

function shorten(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
