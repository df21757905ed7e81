import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
/**
 * Tokens are 256 random bits; only their SHA-256 is stored, so a copy of the database
 * grants nothing. A fast hash is enough for secrets this long (no guessing to slow down).
 */
export function newSecret() {
    return `sty_${randomBytes(32).toString('base64url')}`;
}
export function newTokenId() {
    return `tok_${randomBytes(6).toString('hex')}`;
}
export function hashSecret(secret) {
    return createHash('sha256').update(secret).digest('hex');
}
export function sameHash(a, b) {
    const x = Buffer.from(a, 'hex');
    const y = Buffer.from(b, 'hex');
    return x.length === y.length && timingSafeEqual(x, y);
}
//# sourceMappingURL=secret.js.map