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
    'error', // anything else: the message says what
];
/** Conditions that do not make the target down but deserve a person's attention. */
export const WARNING_CODES = ['certificate_expiring'];
export function passed(at, latencyMs, details, warning, message) {
    return { ok: true, at, latencyMs: round(latencyMs), ...(message ? { message } : {}), ...(warning ? { warning } : {}), ...(details ? { details } : {}) };
}
export function failed(at, latencyMs, cause, message, details) {
    return { ok: false, at, latencyMs: round(latencyMs), cause, message, ...(details ? { details } : {}) };
}
/** Latency to a tenth of a millisecond: finer is noise, and it keeps stored results small. */
function round(ms) {
    return Math.max(0, Math.round(ms * 10) / 10);
}
//# sourceMappingURL=check-result.js.map