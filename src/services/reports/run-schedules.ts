import type { ReportNotice } from '../../consequences/templates/report-message.js';
import { MINUTE } from '../../domain/duration.js';
import { toIso, type Instant } from '../../domain/time.js';
import type { Policy } from '../../policy/policy.js';
import type { ReportSchedule } from '../../policy/reports.js';
import { latestDue } from '../../reports/schedule.js';
import type { ServiceContext } from '../context.js';
import type { AuditSigner } from '../audit/signer.js';
import type { AvailabilityCreditFacts } from '../credits/availability-credit-facts.js';
import type { NewNotification } from '../store/index.js';
import type { ReportRunRecipient } from '../store/index.js';
import { generateReport, type PdfPrinter } from './generate.js';

/** How long an instance may take to generate a report before another may take over. */
export const GENERATION_LEASE_MS = 15 * MINUTE;
/** Generation is tried this often (5 min, doubling, at most 6 h apart) before it waits for a retry by hand. */
export const MAX_GENERATION_ATTEMPTS = 8;

export interface ScheduleLog {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface ScheduleOutcome {
  readonly schedule: string;
  readonly period: string;
  readonly outcome: 'queued' | 'failed';
  readonly error?: string | undefined;
}

const sinceKey = (schedule: string) => `reports.schedule.${schedule}.since`;
const retryDelay = (attempts: number) =>
  Math.min(5 * 60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

/**
 * Generates each scheduled report whose period has closed and whose time of day has come,
 * once: the run (schedule, period) is claimed in the database, so a restart or a second
 * instance neither skips nor repeats it. The file is kept with the run and one notification
 * per recipient goes into the outbox in the same transaction (delivery is the outbox's:
 * at-least-once, retried, falling over). A failed generation is recorded with its cause and
 * tried again later. Periods due before a schedule first appeared are not sent retroactively.
 */
export async function runScheduledReports({
  ctx,
  pdf,
  availability,
  log,
  signer,
}: {
  ctx: ServiceContext;
  pdf?: PdfPrinter | undefined;
  signer?: AuditSigner | undefined;
  availability?: AvailabilityCreditFacts | undefined;
  log?: ScheduleLog | undefined;
}): Promise<ScheduleOutcome[]> {
  const out: ScheduleOutcome[] = [];
  for (const schedule of ctx.policy.reports.schedules.values()) {
    const now = ctx.time.now();
    const since = await firstSeen(ctx, schedule.name, now);
    const { period, dueAt } = latestDue(
      schedule.kind,
      schedule.atMinutes,
      now,
      ctx.policy.timezone,
    );
    if (dueAt < since) continue;
    const existing = await ctx.store.reportSchedules.get(schedule.name, period.label);
    if (existing?.status === 'queued') continue;
    if (existing?.status === 'failed' && existing.attempts >= MAX_GENERATION_ATTEMPTS) continue;
    const claimed = existing
      ? await ctx.store.reportSchedules.reclaim(
          schedule.name,
          period.label,
          now,
          now + GENERATION_LEASE_MS,
        )
      : await ctx.store.reportSchedules.claimNew({
          schedule: schedule.name,
          period: period.label,
          kind: schedule.kind,
          status: 'generating',
          attempts: 0,
          dueAt,
          nextAttemptAt: null,
          leaseUntil: now + GENERATION_LEASE_MS,
          createdAt: now,
          updatedAt: now,
        });
    if (!claimed) continue;
    const attempts = (existing?.attempts ?? 0) + 1;
    try {
      const report = await generateReport({
        ctx: { ...ctx, caller: { role: 'admin', id: `schedule:${schedule.name}` } },
        input: {
          kind: schedule.kind,
          date: period.label,
          format: schedule.format,
          lang: schedule.language,
          ...(schedule.customer ? { customer: schedule.customer } : {}),
        },
        pdf,
        availability,
        signer,
      });
      const content = Buffer.isBuffer(report.body) ? report.body : Buffer.from(report.body, 'utf8');
      const fileName = `surety-${schedule.kind}-${period.label}${schedule.customer ? `-${schedule.customer}` : ''}.${schedule.format}`;
      const at = ctx.time.now();
      const recipients = recipientsOf(ctx.policy, schedule);
      await ctx.store.transaction(async (tx) => {
        await tx.reportSchedules.putFile(schedule.name, period.label, {
          name: fileName,
          contentType: report.contentType,
          content,
        });
        const notice: ReportNotice = {
          schedule: schedule.name,
          kind: schedule.kind,
          period: period.label,
          format: schedule.format,
          fileName,
          size: content.length,
          customer: schedule.customer ?? null,
          policyName: ctx.policy.name,
          link: ctx.policy.notifications.baseUrl
            ? `${ctx.policy.notifications.baseUrl}/api/v1/reports/${schedule.kind}?date=${period.label}&format=${schedule.format}&lang=${schedule.language}${schedule.customer ? `&customer=${schedule.customer}` : ''}`
            : null,
        };
        const rows: NewNotification[] = recipients.map((r) => ({
          dedupeKey: `report:${schedule.name}:${period.label}:${r.target}`,
          alertId: null,
          kind: 'report',
          recipient: r.target.startsWith('person:') ? r.target.slice('person:'.length) : null,
          recipientName: r.name,
          channels: r.channels,
          language: schedule.language,
          template: `report.${schedule.kind}`,
          context: { report: notice },
          severity: 'info',
          notBefore: at,
          createdAt: at,
        }));
        await tx.notifications.enqueue(rows);
        const ids = await tx.reportSchedules.outboxIds(rows.map((r) => r.dedupeKey));
        await tx.reportSchedules.update(schedule.name, period.label, {
          status: 'queued',
          attempts,
          generatedAt: at,
          leaseUntil: null,
          nextAttemptAt: null,
          error: null,
          recipients,
          notifications: ids,
          updatedAt: at,
        });
      });
      log?.info(
        {
          schedule: schedule.name,
          period: period.label,
          bytes: content.length,
          recipients: recipients.length,
        },
        'scheduled report generated and queued for delivery',
      );
      out.push({ schedule: schedule.name, period: period.label, outcome: 'queued' });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const at = ctx.time.now();
      const next = attempts >= MAX_GENERATION_ATTEMPTS ? null : at + retryDelay(attempts);
      await ctx.store.reportSchedules.update(schedule.name, period.label, {
        status: 'failed',
        attempts,
        error: message,
        leaseUntil: null,
        nextAttemptAt: next,
        updatedAt: at,
      });
      log?.error(
        {
          schedule: schedule.name,
          period: period.label,
          attempt: attempts,
          retryAt: next === null ? null : toIso(next),
        },
        `generating the scheduled report failed: ${message}${next === null ? '; no more automatic attempts (retry it by hand)' : ''}`,
      );
      out.push({
        schedule: schedule.name,
        period: period.label,
        outcome: 'failed',
        error: message,
      });
    }
  }
  return out;
}

/** When the schedule was first seen by this installation (recorded the first time). */
async function firstSeen(ctx: ServiceContext, schedule: string, now: Instant): Promise<number> {
  const stored = await ctx.store.meta.get(sinceKey(schedule));
  if (stored !== undefined) return Number(stored);
  await ctx.store.meta.set(sinceKey(schedule), String(now));
  return now;
}

/** Each person (by their `via` channels, else every e-mail channel in turn) and each channel gets one copy. */
export function recipientsOf(policy: Policy, schedule: ReportSchedule): ReportRunRecipient[] {
  const email = [...policy.notifications.channels.values()]
    .filter((c) => c.type === 'email')
    .map((c) => c.name);
  return schedule.to.map((r) => {
    if (r.kind === 'channel') return { target: `channel:${r.id}`, name: r.id, channels: [r.id] };
    const person = policy.notifications.people.get(r.id);
    return { target: `person:${r.id}`, name: person?.name ?? r.id, channels: person?.via ?? email };
  });
}
