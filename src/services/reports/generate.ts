import { Type, type Static } from 'typebox';
import { SuretyError } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { LANGUAGES, type Language } from '../../domain/localized.js';
import { evidencePack, manifestOf, type PackFile } from '../../reports/evidence-pack.js';
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
  /** The quarterly assessment's evidence files (with manifest.json and SHA256SUMS); empty otherwise. */
  readonly evidence: readonly { name: string; content: string }[];
}

function modelOf(facts: ReportFacts, files: PackFile[]): ReportModel {
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
}: {
  ctx: ServiceContext;
  input: unknown;
  pdf?: PdfPrinter | undefined;
  availability?: AvailabilityCreditFacts | undefined;
}): Promise<GeneratedReport> {
  const q = parseInput(ReportInput, input, 'invalid report request');
  if (q.customer === undefined)
    requireRole(ctx.caller, ['admin', 'agent', 'customer', 'auditor'], 'reading reports');
  // Validates the date before any work.
  parsePeriod(q.kind, q.date, ctx.policy.timezone);
  const facts = await gatherReportFacts(ctx, q.kind, q.date, q.customer, availability);
  const files = q.kind === 'quarterly' ? evidencePack(facts) : [];
  const model = modelOf(facts, files);
  const lang: Language = q.lang ?? 'en';
  const evidence =
    files.length === 0
      ? []
      : [
          ...files.map((f) => ({ name: f.name, content: f.content })),
          ...manifestFiles(facts, files),
        ];
  const format = q.format ?? 'html';
  if (format === 'json')
    return {
      kind: q.kind,
      period: q.date,
      model,
      contentType: 'application/json',
      body: JSON.stringify(model),
      evidence,
    };
  const page = await renderHtml(model, lang);
  if (format === 'html')
    return {
      kind: q.kind,
      period: q.date,
      model,
      contentType: 'text/html; charset=utf-8',
      body: page,
      evidence,
    };
  if (!pdf)
    throw new SuretyError(
      'unavailable',
      'PDF reports need headless Chromium, and this installation has none configured',
    );
  const body = await pdf(page, `${strings(lang)[q.kind]} ${q.date} ·`);
  return { kind: q.kind, period: q.date, model, contentType: 'application/pdf', body, evidence };
}

function manifestFiles(facts: ReportFacts, files: readonly PackFile[]) {
  const m = manifestOf(facts.period.label, facts.generatedAt, facts.policy.hash, files);
  return [
    { name: 'manifest.json', content: m.json },
    { name: 'SHA256SUMS', content: m.sha256sums },
  ];
}
