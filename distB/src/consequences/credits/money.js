/**
 * `percent` of an amount in minor units, rounded half up to a whole minor unit. In BigInt,
 * because fee × percentage passes 2^53 for large fees, and a credit must be exact to the fen.
 */
export function percentOf(minor, percent) {
    const scaled = BigInt(Math.round(percent * 1_000_000)); // 6 decimals of a percent
    const denominator = 100000000n;
    const num = BigInt(minor) * scaled;
    return Number((2n * num + denominator) / (2n * denominator));
}
//# sourceMappingURL=money.js.map