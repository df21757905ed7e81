import { formatHead } from '../../domain/audit.js';
import { evidencePack } from '../../reports/evidence-pack.js';
import type { AuditProofFacts, ReportFacts } from '../../reports/facts.js';
import type { EvidenceFile } from '../../reports/models/quarterly.js';
import type { ServiceContext } from '../context.js';
import type { AuditSigner } from '../audit/signer.js';
import { writeWhole } from './evidence-file.js';
import { writeEvidenceRecord, type RecordCounts } from './evidence-record.js';
import type { EvidenceSink } from './evidence-sink.js';

/** The summary files the report's facts give; the record files replace their cut-off lists. */
const STREAMED = new Set([
  'tickets.json',
  'tickets.csv',
  'clocks.csv',
  'ticket-events.csv',
  'signals.json',
  'signals.csv',
]);

export const PACK_FORMAT = 'surety-evidence-pack/1';

export interface WrittenPack {
  readonly files: readonly EvidenceFile[];
  readonly counts: RecordCounts;
  readonly manifest: string;
}

/**
 * The quarterly evidence pack, complete and self-verifying: the report's summary files, the
 * whole record of the quarter (streamed), the policy text in force, the audit log from the
 * quarter's start to the signed head, and a manifest of every file's size and SHA-256 signed
 * with the audit key. `surety evidence verify` checks it with nothing but the pack and the
 * public key.
 */
export async function writeEvidencePack(
  ctx: ServiceContext,
  sink: EvidenceSink,
  facts: ReportFacts,
  proof: AuditProofFacts,
  signer: AuditSigner,
): Promise<WrittenPack> {
  const files: EvidenceFile[] = [];
  for (const f of evidencePack(facts))
    if (!STREAMED.has(f.name)) files.push(await writeWhole(sink, f.name, f.content, f.rows));
  const head = { seq: proof.seq, hash: proof.hash };
  const record = await writeEvidenceRecord(
    ctx,
    sink,
    facts.period,
    facts.customer ?? undefined,
    head,
    facts.breachedTickets.map((t) => t.id),
  );
  files.push(...record.files);
  files.push(await writeWhole(sink, 'policy.yaml', ctx.policy.source));
  files.push(
    await writeWhole(
      sink,
      'checkpoint.json',
      `${JSON.stringify({ head: formatHead(head), seq: head.seq, hash: head.hash, signedAt: proof.signedAt, keyId: proof.keyId, signature: proof.signature, algorithm: 'Ed25519', message: `surety-audit-head:${head.seq}:${head.hash}` }, null, 2)}\n`,
    ),
  );
  files.push(await writeWhole(sink, 'public-key.pem', signer.publicKey));
  const manifest = `${JSON.stringify(
    {
      format: PACK_FORMAT,
      period: facts.period.label,
      from: new Date(facts.period.from).toISOString(),
      to: new Date(facts.period.to).toISOString(),
      customer: facts.customer,
      generatedAt: facts.generatedAt,
      policyHash: ctx.policy.hash,
      audit: {
        head: formatHead(head),
        signedAt: proof.signedAt,
        keyId: signer.keyId,
        signature: proof.signature,
      },
      counts: record.counts,
      algorithm: 'SHA-256',
      files,
    },
    null,
    2,
  )}\n`;
  await writeWhole(sink, 'manifest.json', manifest);
  await writeWhole(sink, 'manifest.sig', `${signer.sign(manifest)}\n`);
  await writeWhole(sink, 'SHA256SUMS', files.map((f) => `${f.sha256}  ${f.name}\n`).join(''));
  return { files, counts: record.counts, manifest };
}
