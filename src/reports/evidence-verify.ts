import { createHash } from 'node:crypto';
import { digestOf, keyIdOf, type AuditEntry } from '../domain/audit.js';
import { chainBreak, ed25519Holds, signatureHolds } from '../evaluate/audit/chain.js';

/** A pack as files to read, wherever it is; the runtime reads a directory. */
export interface PackReader {
  names(): Promise<string[]>;
  has(name: string): Promise<boolean>;
  chunks(name: string): AsyncIterable<Uint8Array | string>;
}

export interface PackProblem {
  /** The file the problem is in; "manifest.json" for the pack as a whole. */
  readonly file: string;
  readonly message: string;
}

export interface PackVerification {
  readonly ok: boolean;
  readonly period: string | null;
  readonly files: number;
  readonly tickets: number;
  readonly auditEntries: number;
  readonly head: string | null;
  readonly keyId: string | null;
  /** True when the key came with the pack rather than from the verifier: it proves integrity, not origin. */
  readonly keyFromPack: boolean;
  readonly problems: readonly PackProblem[];
}

interface Manifest {
  format?: string;
  period?: string;
  audit?: { head?: string; keyId?: string; signature?: string | null };
  files?: Array<{ name: string; bytes: number; sha256: string }>;
}

const OWN = new Set(['manifest.json', 'manifest.sig']);

/**
 * Checks an evidence pack offline, trusting nothing in it but what the public key signed:
 * the manifest's signature, every file's size and SHA-256 against the manifest (a changed
 * byte names its file), no file missing or added, the audit chain in the pack linked entry
 * by entry up to the signed head, and every ticket's recorded state against its latest audit
 * entry in the pack.
 */
export async function verifyEvidencePack(
  pack: PackReader,
  trustedKeyPem?: string,
): Promise<PackVerification> {
  const problems: PackProblem[] = [];
  const fail = (file: string, message: string) => problems.push({ file, message });
  const result = (extra: Partial<PackVerification>): PackVerification => ({
    ok: problems.length === 0,
    period: null,
    files: 0,
    tickets: 0,
    auditEntries: 0,
    head: null,
    keyId: null,
    keyFromPack: trustedKeyPem === undefined,
    problems,
    ...extra,
  });
  if (!(await pack.has('manifest.json'))) {
    fail('manifest.json', 'missing: this is not an evidence pack (or its manifest was removed)');
    return result({});
  }
  const manifestBytes = await readAll(pack, 'manifest.json');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
  } catch {
    fail('manifest.json', 'not valid JSON: it was changed');
    return result({});
  }
  const keyPem =
    trustedKeyPem ??
    ((await pack.has('public-key.pem'))
      ? (await readAll(pack, 'public-key.pem')).toString('utf8')
      : undefined);
  let keyId: string | null = null;
  if (keyPem === undefined) fail('public-key.pem', 'missing, and no key was given to verify with');
  else {
    try {
      keyId = keyIdOf(keyPem);
    } catch {
      fail(trustedKeyPem ? '--key' : 'public-key.pem', 'not a PEM public key');
    }
  }
  if (keyPem && keyId) {
    if (manifest.audit?.keyId && manifest.audit.keyId !== keyId)
      fail(
        'manifest.json',
        `signed by key ${manifest.audit.keyId.slice(0, 16)}…, not by the key given (${keyId.slice(0, 16)}…)`,
      );
    if (!(await pack.has('manifest.sig'))) fail('manifest.sig', 'missing: the pack is not signed');
    else {
      const sig = (await readAll(pack, 'manifest.sig')).toString('utf8');
      if (!ed25519Holds(keyPem, manifestBytes, sig))
        fail(
          'manifest.json',
          'its signature (manifest.sig) does not hold: the manifest or the signature was changed',
        );
    }
  }

  const listed = manifest.files ?? [];
  const names = new Set(await pack.names());
  for (const f of listed) {
    if (!names.has(f.name)) {
      fail(f.name, 'missing from the pack');
      continue;
    }
    const { bytes, sha256 } = await digestFile(pack, f.name);
    if (sha256 !== f.sha256 || bytes !== f.bytes)
      fail(
        f.name,
        `changed: its SHA-256 is ${sha256.slice(0, 16)}… (${bytes} bytes), the signed manifest says ${f.sha256.slice(0, 16)}… (${f.bytes} bytes)`,
      );
  }
  const known = new Set(listed.map((f) => f.name));
  for (const n of names)
    if (!known.has(n) && !OWN.has(n) && n !== 'SHA256SUMS')
      fail(n, 'not in the manifest: it was added to the pack');

  // The chain within the pack, and its end at the signed head.
  const latest = new Map<string, { seq: number; digest: string }>();
  let entries = 0;
  let last: { seq: number; hash: string } | undefined;
  if (names.has('audit-log.jsonl')) {
    for await (const line of lines(pack, 'audit-log.jsonl')) {
      let e: AuditEntry;
      try {
        e = entryOf(JSON.parse(line));
      } catch {
        fail('audit-log.jsonl', `line ${entries + 1} is not an audit entry`);
        break;
      }
      const problem = chainBreak(last ?? { seq: e.seq - 1, hash: e.prev }, e);
      if (problem) fail('audit-log.jsonl', problem);
      last = { seq: e.seq, hash: e.hash };
      if (e.object.type === 'ticket') latest.set(e.object.id, { seq: e.seq, digest: e.digest });
      entries++;
    }
  }
  const head = manifest.audit?.head ?? null;
  if (head && last && `${last.seq}:${last.hash}` !== head)
    fail(
      'audit-log.jsonl',
      `ends at ${last.seq}:${last.hash.slice(0, 12)}…, not at the signed head ${head.slice(0, 24)}…`,
    );
  if (head && keyPem && manifest.audit?.signature) {
    const [seq, hash] = head.split(':');
    if (!signatureHolds(keyPem, { seq: Number(seq), hash: hash ?? '' }, manifest.audit.signature))
      fail('checkpoint.json', `the signature of the head ${head.slice(0, 24)}… does not hold`);
  }

  let tickets = 0;
  if (names.has('tickets.jsonl')) {
    for await (const line of lines(pack, 'tickets.jsonl')) {
      tickets++;
      let record: { id?: unknown };
      try {
        record = (JSON.parse(line) as { record: { id?: unknown } }).record;
      } catch {
        fail('tickets.jsonl', `line ${tickets} is not a ticket`);
        continue;
      }
      const entry = latest.get(String(record?.id));
      if (entry && digestOf(record) !== entry.digest)
        fail(
          'tickets.jsonl',
          `ticket ${String(record.id)} does not match its audit entry #${entry.seq}`,
        );
    }
  }
  return result({
    period: manifest.period ?? null,
    files: listed.length,
    tickets,
    auditEntries: entries,
    head,
    keyId,
  });
}

function entryOf(v: {
  seq: number;
  at: string;
  actor: { id: string; name: string | null };
  action: string;
  object: AuditEntry['object'];
  digest: string;
  reason: string | null;
  prev: string;
  hash: string;
}): AuditEntry {
  if (typeof v.seq !== 'number' || typeof v.hash !== 'string') throw new Error('not an entry');
  return {
    seq: v.seq,
    at: Date.parse(v.at),
    actor: v.actor.name === null ? { id: v.actor.id } : { id: v.actor.id, name: v.actor.name },
    action: v.action,
    object: v.object,
    digest: v.digest,
    ...(v.reason === null ? {} : { reason: v.reason }),
    prev: v.prev,
    hash: v.hash,
  };
}

async function readAll(pack: PackReader, name: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of pack.chunks(name))
    parts.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(parts);
}

async function digestFile(pack: PackReader, name: string) {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const c of pack.chunks(name)) {
    hash.update(c);
    bytes += typeof c === 'string' ? Buffer.byteLength(c) : c.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

async function* lines(pack: PackReader, name: string): AsyncGenerator<string> {
  let rest = '';
  const decoder = new TextDecoder();
  for await (const c of pack.chunks(name)) {
    rest += typeof c === 'string' ? c : decoder.decode(c, { stream: true });
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      if (line !== '') yield line;
    }
  }
  if (rest !== '') yield rest;
}
