/**
 * Why a delivery failed, for a person. `permanent` failures (a 404, a refused address, a
 * redirect loop) fall over to the next channel at once; the others are retried with backoff.
 */
export class DeliveryError extends Error {
    permanent;
    retryAfterMs;
    name = 'DeliveryError';
    constructor(message, permanent, retryAfterMs) {
        super(message);
        this.permanent = permanent;
        this.retryAfterMs = retryAfterMs;
    }
}
/** The message as plain text: title, body, footer. */
export function plainText(m) {
    return [m.title, '', m.body, ...(m.link ? ['', m.link] : []), ...(m.footer ? ['', m.footer] : [])].join('\n');
}
//# sourceMappingURL=channel.js.map