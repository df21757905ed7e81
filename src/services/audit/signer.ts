/**
 * Signs the audit log's checkpoints. The runtime holds the private key (created in the data
 * directory at first start, or configured); services only ask for signatures.
 */
export interface AuditSigner {
  readonly keyId: string;
  /** PEM (SPKI), served at /api/v1/audit/key and printed in every report. */
  readonly publicKey: string;
  /** Ed25519 signature of `message`, base64. */
  sign(message: string): string;
}
