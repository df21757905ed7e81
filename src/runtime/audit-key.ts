import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { invalidInput } from '../domain/errors.js';
import { keyIdOf } from '../domain/audit.js';
import type { AuditSigner } from '../services/audit/signer.js';

/**
 * The Ed25519 key that signs the audit log's checkpoints: read from `path`, or created there
 * (readable by its owner only) on first start. Several instances sharing one database should
 * be given the same key file.
 */
export function loadAuditSigner(path: string): AuditSigner {
  let pem: string;
  if (existsSync(path)) pem = readFileSync(path, 'utf8');
  else {
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  }
  let key;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw invalidInput(`audit key: ${path} is not a PEM private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw invalidInput(
      `audit key: ${path} holds a ${key.asymmetricKeyType ?? 'unknown'} key; the audit log is signed with Ed25519`,
    );
  const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  return {
    keyId: keyIdOf(publicKey),
    publicKey,
    sign: (message) => sign(null, Buffer.from(message), key).toString('base64'),
  };
}
