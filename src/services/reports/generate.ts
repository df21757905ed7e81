import { Type, type Static } from 'typebox';
import { SuretyError } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { LANGUAGES, type Language } from '../../domain/localized.js';
import { evidencePack } from '../../reports/evidence-pack.js';
import type { EvidenceFile } from '../../reports/models/quarterly.js';
import { writeEvidencePack, type WrittenPack } from './evidence-pack.js';
import type { EvidenceSink } from './evidence-sink.js';
import type { ReportFacts } from '../../reports/facts.js';
import { strings } from '../../reports/i18n.js';
import { dailyReport } from '../../reports/models/daily.js';
import type { ReportModel } from '../../reports/models/index.js';
import { monthlyReport } from '../../reports/models/monthly.js';
import { quarterlyReport } from '../../reports/models/quarterly.js';
import { weeklyReport } from '../../reports/models/weekly.js';
import { REPORT_KINDS, parsePeriod, type ReportKind } from '../../reports/period.js';
import { renderHtml } from '../../reports/render/html/index.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { gatherReportFacts } from './gather.js';
import { auditProof } from '../audit/proof.js';
import type { AuditSigner } from '../audit/signer.js';
import type { AvailabilityCreditFacts } from '../credits/availability-credit-facts.js';

export const ReportInput = strictObject({
  kind: oneOf(REPORT_KINDS),
  date: Type.String({
    minLength: 1,
    description: 'a day (2026-10-05), ISO week (2026-W41), month (2026-10) or quarter (2026-Q4)',
  }),
  format: Type.Optional(oneOf(['html', 'pdf', 'json'] as const)),
  lang: Type.Optional(oneOf(LANGUAGES)),
  customer: Type.Optional(Type.String({ minLength: 1 })),
});
export type ReportInput = Static<typeof ReportInput>;

/** Prints HTML to PDF; runtime plugs in headless Chromium. Declared here, by its user. */
export type PdfPrinter = (html: string, footer: string) => Promise<Buffer>;

export interface GeneratedReport {
  readonly kind: ReportKind;
  readonly period: string;
  readonly model: ReportModel;
  readonly contentType: string;
  readonly body: string | Buffer;
  /** The quarterly evidence pack, when a place to write it was given. */
  readonly pack?: WrittenPack | undefined;
}

function modelOf(facts: ReportFacts, files: readonly EvidenceFile[]): ReportModel {
  switch (facts.period.kind) {
    case 'daily':
      return dailyReport(facts);
    case 'weekly':
      return weeklyReport(facts);
    case 'monthly':
      return monthlyReport(facts);
    case 'quarterly':
      return quarterlyReport(facts, files);
  }
}

/** A report for a period, as its model (JSON), HTML or PDF, in either language. */
export async function generateReport({
  ctx,
  input,
  pdf,
  availability,
  signer,
  evidence,
}: {
  ctx: ServiceContext;
  input: unknown;
  pdf?: PdfPrinter | undefined;
  availability?: AvailabilityCreditFacts | undefined;
  /** Signs the audit head the report states; without one the head is stated unsigned. */
  signer?: AuditSigner | undefined;
  /** Quarterly: where the complete evidence pack is streamed (needs `signer`). */
  evidence?: EvidenceSink | undefined;
}): Promise<GeneratedReport> {
  const q = parseInput(ReportInput, input, 'invalid report request');
  if (q.customer === undefined)
    requireRole(ctx.caller, ['admin', 'agent', 'customer', 'auditor'], 'reading reports');
  // Validates the date before any work.
  parsePeriod(q.kind, q.date, ctx.policy.timezone);
  const gathered = await gatherReportFacts(ctx, q.kind, q.date, q.customer, availability);
  // The head after reading (which may have brought the credit ledger up to date): everything
  // the report states was written at or before it.
  const facts = { ...gathered, audit: await auditProof(ctx, signer) };
  const pack =
    q.kind === 'quarterly' && evidence && signer
      ? await writeEvidencePack(ctx, evidence, facts, facts.audit, signer)
      : undefined;
  const model = modelOf(facts, pack?.files ?? (q.kind === 'quarterly' ? evidencePack(facts) : []));
  const lang: Language = q.lang ?? 'en';
  const format = q.format ?? 'html';
  if (format === 'json')
    return {
      kind: q.kind,
      period: q.date,
      model,
      contentType: 'application/json',
      body: JSON.stringify(model),
      pack,
    };
  const page = await renderHtml(model, lang);
  if (format === 'html')
    return {
      kind: q.kind,
      period: q.date,
      model,
      contentType: 'text/html; charset=utf-8',
      body: page,
      pack,
    };
  if (!pdf)
    throw new SuretyError(
      'unavailable',
      'PDF reports need headless Chromium, and this installation has none configured',
    );
  const body = await pdf(page, `${strings(lang)[q.kind]} ${q.date} ·`);
  return { kind: q.kind, period: q.date, model, contentType: 'application/pdf', body, pack };
}
