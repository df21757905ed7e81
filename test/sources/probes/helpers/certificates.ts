import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAY, HOUR } from '../../../../src/domain/duration.js';

/**
 * Test certificates made with the openssl CLI at test time (no key material in the repo):
 * a CA the checker is told to trust, leaves it signed with chosen validity, and a self-signed
 * one it does not trust. `openssl ca` because it alone sets arbitrary start and end dates.
 */

export interface KeyAndCert {
  readonly key: string;
  readonly cert: string;
  readonly notAfter: number;
}

export interface TestCertificates {
  readonly ca: string;
  /** Signed by the CA for 127.0.0.1 and localhost, valid 30 days. */
  readonly valid: KeyAndCert;
  /** Signed by the CA, expires in 3 days. */
  readonly expiringSoon: KeyAndCert;
  /** Signed by the CA, expired a month ago. */
  readonly expired: KeyAndCert;
  /** Signed by the CA for another name only. */
  readonly otherName: KeyAndCert;
  /** Signed by itself, for 127.0.0.1. */
  readonly selfSigned: KeyAndCert;
}

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function makeCertificates(now = Date.now()): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'surety-certs-'));
  const run = (...args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    run(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '30',
      '-subj',
      '/CN=Surety Test CA',
    );
    run('req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=127.0.0.1');
    mkdirSync(join(dir, 'db'));
    writeFileSync(join(dir, 'db/index.txt'), '');
    writeFileSync(join(dir, 'db/serial'), '1000\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = test',
        '[test]',
        'database = db/index.txt',
        'new_certs_dir = db',
        'serial = db/serial',
        'default_md = sha256',
        'policy = any',
        'unique_subject = no',
        'copy_extensions = none',
        '[any]',
        'commonName = supplied',
        '[here]',
        'subjectAltName = IP:127.0.0.1,DNS:localhost',
        '[elsewhere]',
        'subjectAltName = DNS:other.example',
      ].join('\n'),
    );
    const sign = (out: string, from: number, to: number, extensions = 'here'): KeyAndCert => {
      run(
        'ca',
        '-batch',
        '-config',
        'ca.cnf',
        '-cert',
        'ca.crt',
        '-keyfile',
        'ca.key',
        '-in',
        'leaf.csr',
        '-out',
        out,
        '-extensions',
        extensions,
        '-startdate',
        asn1Time(from),
        '-enddate',
        asn1Time(to),
      );
      return { key: read('leaf.key'), cert: read(out), notAfter: Math.floor(to / 1000) * 1000 };
    };
    const selfSignedTo = now + 30 * DAY;
    run(
      'req',
      '-x509',
      '-key',
      'leaf.key',
      '-out',
      'self.crt',
      '-days',
      '30',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    );
    return {
      ca: read('ca.crt'),
      valid: sign('valid.crt', now - HOUR, now + 30 * DAY),
      expiringSoon: sign('soon.crt', now - HOUR, now + 3 * DAY),
      expired: sign('expired.crt', now - 60 * DAY, now - 30 * DAY),
      otherName: sign('other.crt', now - HOUR, now + 30 * DAY, 'elsewhere'),
      selfSigned: { key: read('leaf.key'), cert: read('self.crt'), notAfter: selfSignedTo },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 20261005080000Z: the form `openssl ca -startdate/-enddate` takes. */
function asn1Time(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}
