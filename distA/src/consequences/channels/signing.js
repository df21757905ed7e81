import { createHmac } from 'node:crypto';
/**
 * Signatures receivers check. Surety's own webhook: HMAC-SHA256 over "<timestamp>.<body>"
 * with the shared secret, hex, sent as `X-Surety-Signature: sha256=<hex>` beside
 * `X-Surety-Timestamp: <unix seconds>` (receivers should refuse stale timestamps).
 */
export function webhookSignature(secret, timestampSeconds, body) {
    return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}
/** DingTalk robots in signed mode: base64(HMAC-SHA256(secret, "<ms timestamp>\n<secret>")), sent in the URL. */
export function dingtalkSign(secret, timestampMs) {
    return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}
/** Feishu/Lark robots with signature verification: the key is "<s timestamp>\n<secret>", the message empty. */
export function feishuSign(secret, timestampSeconds) {
    return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}
//# sourceMappingURL=signing.js.map