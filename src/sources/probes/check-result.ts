/**
 * What one check of one monitor found. Every checker returns this shape, whatever it probes,
 * so the scheduler, the uptime evaluation and the UI never branch on the probe type.
 */

/** Why a check failed: short, stable machine codes (alert rules and reports key on them). */
export const FAILURE_CAUSES = [
  'timeout', // no complete answer within the monitor's timeout
  'aborted', // the caller cancelled the check (shutdown, monitor removed); not the target's fault
  'dns', // the name could not be resolved, or the DNS server did not answer
  'answer', // DNS answered, but not what the monitor expects
  'refused', // nothing listens on the port
  'reset', // the connection was reset or closed mid-exchange
  'unreachable', // no route to the host or network
  'tls', // handshake failed or the certificate is not trusted (self-signed, expired, wrong name)
  'protocol', // the answer is not valid HTTP
  'status', // the HTTP status is not an expected one
  'keyword', // the body lacks the keyword, or contains the forbidden one
  'json', // the body is not JSON, or the JSON path does not hold the expected value
  'too_slow', // everything was right but slower than the monitor's latency limit
  'redirects', // too many redirects, or a redirect loop
  'body_too_large', // the body passed the read cap before the assertions could be checked
  'late', // a heartbeat did not report within its period and grace
  'never_pinged', // a heartbeat has not reported even once, and its first deadline has passed
  'job_failed', // a heartbeat's job ran and reported failure (its /fail URL); stands until a success ping
  'job_unfinished', // a heartbeat's job reported its start and neither success nor failure within its grace
  'error', // anything else: the message says what
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];

/** Conditions that do not make the target down but deserve a person's attention. */
export const WARNING_CODES = ['certificate_expiring'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface CheckWarning {
  readonly code: WarningCode;
  readonly message: string;
}

export interface CheckDetails {
  /** The last HTTP status received. */
  status?: number;
  /** Every URL visited, in order, when redirects were followed. */
  redirects?: string[];
  /** Epoch ms when the soonest-expiring TLS certificate seen expires. */
  certificateExpiresAt?: number;
  /** DNS answers, normalised to strings (addresses, names, "10 mail.example.com", TXT joined). */
  resolved?: string[];
  /** The low-level error code behind a failure (ECONNRESET, ETIMEOUT, CERT_HAS_EXPIRED ...). */
  code?: string;
  /** Heartbeat: epoch ms of the last ping. */
  lastPingAt?: number;
  /** HTTP: whether the check went over an already open keep-alive connection. */
  reusedConnection?: boolean;
}

export interface CheckResult {
  readonly ok: boolean;
  /** When the check started, epoch ms (the `now` the caller passed in). */
  readonly at: number;
  /** How long the check took, from start to its last byte (or its failure). */
  readonly latencyMs: number;
  /** Set exactly when `ok` is false. */
  readonly cause?: FailureCause;
  /** A sentence for a person: what was probed, what happened, what was expected. */
  readonly message?: string;
  /** Only on ok results: up, but something needs attention soon. */
  readonly warning?: CheckWarning;
  readonly details?: CheckDetails;
}

export function passed(
  at: number,
  latencyMs: number,
  details?: CheckDetails,
  warning?: CheckWarning,
  message?: string,
): CheckResult {
  return {
    ok: true,
    at,
    latencyMs: round(latencyMs),
    ...(message ? { message } : {}),
    ...(warning ? { warning } : {}),
    ...(details ? { details } : {}),
  };
}

export function failed(
  at: number,
  latencyMs: number,
  cause: FailureCause,
  message: string,
  details?: CheckDetails,
): CheckResult {
  return {
    ok: false,
    at,
    latencyMs: round(latencyMs),
    cause,
    message,
    ...(details ? { details } : {}),
  };
}

/** Latency to a tenth of a millisecond: finer is noise, and it keeps stored results small. */
function round(ms: number): number {
  return Math.max(0, Math.round(ms * 10) / 10);
}
