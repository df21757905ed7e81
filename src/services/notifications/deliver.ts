import {
  DeliveryError,
  type NotificationChannel,
  type OutgoingMessage,
  type Recipient,
} from '../../consequences/channels/channel.js';
import { retryDelay } from '../../consequences/delivery/backoff.js';
import { renderMessage } from '../../consequences/templates/render.js';
import type { Language } from '../../domain/localized.js';
import type { ServiceContext } from '../context.js';
import type { StoredNotification } from '../store/index.js';
import { messageContext, type PageFacts } from '../alerts/facts.js';
import { reportMessage, type ReportNotice } from '../../consequences/templates/report-message.js';

/** The channels as built by the runtime; declared here, by their user. */
export interface ChannelSet {
  get(name: string): NotificationChannel | undefined;
}

/** Where delivery reports what a person should look at (the runtime gives it the logger). */
export interface DeliveryLog {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export type DeliveryOutcome =
  'delivered' | 'retrying' | 'failed_over' | 'failed' | 'cancelled' | 'lost_lease';

/**
 * Sends one claimed notification through its current channel and records the attempt.
 * On failure it is retried with backoff; after the channel's attempts (or at once, for a
 * permanent failure) it falls over to the next channel in its list, which is reported;
 * when every channel is spent it is marked failed, reported, and kept for a manual retry.
 * Nothing is dropped silently.
 */
export async function deliverNotification({
  ctx,
  channels,
  owner,
  log,
  notification: n,
}: {
  ctx: ServiceContext;
  channels: ChannelSet;
  owner: string;
  log: DeliveryLog;
  notification: StoredNotification;
}): Promise<DeliveryOutcome> {
  const { store, policy } = ctx;
  const started = ctx.time.now();
  if (n.status === 'sending') {
    await store.notifications.recordAttempt({
      notificationId: n.id,
      attempt: n.totalAttempts + 1,
      channel: n.channels[n.channelIndex] ?? '?',
      at: started,
      durationMs: 0,
      outcome: 'interrupted',
      detail:
        'the previous attempt was cut short (the process stopped before it finished); sending again',
    });
  }
  if (n.kind === 'page' && n.alertId !== null) {
    const alert = await store.alerts.get(n.alertId);
    if (alert && alert.status !== 'triggered') {
      const why =
        alert.status === 'acknowledged'
          ? `alert acknowledged by ${alert.acknowledgedBy ?? 'someone'} before delivery`
          : `alert resolved before delivery: ${alert.resolution ?? ''}`;
      await store.notifications.update(
        n.id,
        { status: 'cancelled', lastError: why, leaseUntil: null },
        owner,
      );
      return 'cancelled';
    }
  }
  const name = n.channels[n.channelIndex];
  const channel = name === undefined ? undefined : channels.get(name);
  const person = n.recipient ? policy.notifications.people.get(n.recipient) : undefined;
  const recipient: Recipient | undefined = person && {
    id: person.id,
    name: person.name,
    email: person.email,
    mobile: person.mobile,
    chatIds: person.chatIds,
  };
  const skip = !channel
    ? `the channel "${name}" is not configured (removed or disabled)`
    : channel.unreachable(recipient);
  if (skip !== undefined || !channel) {
    await store.notifications.recordAttempt({
      notificationId: n.id,
      attempt: n.totalAttempts + 1,
      channel: name ?? '?',
      at: started,
      durationMs: 0,
      outcome: 'skipped',
      detail: skip ?? 'no channel',
    });
    return fallOver(ctx, n, owner, log, `${name ?? 'no channel'}: ${skip}`, started);
  }

  const language: Language = (n.language as Language | null) ?? channel.language;
  let rendered: { title: string; body: string; templateError?: string | undefined };
  let message: OutgoingMessage;
  if (n.kind === 'report') {
    // A scheduled report: its text in the report's language, the file attached where the channel carries files.
    const notice = n.context.report as ReportNotice;
    const file = await store.reportSchedules.file(notice.schedule, notice.period);
    const attach = channel.carriesFiles === true && file !== undefined;
    rendered = reportMessage(notice, language, attach);
    message = {
      id: String(n.id),
      title: rendered.title,
      body: rendered.body,
      footer: footer(n, { alert: null } as unknown as PageFacts, language),
      severity: n.severity,
      eventType: n.template,
      language,
      link: notice.link ?? undefined,
      recipient,
      payload: { report: notice },
      ...(attach
        ? {
            attachments: [
              { filename: file.name, contentType: file.contentType, content: file.content },
            ],
          }
        : {}),
    };
  } else {
    const page = n.context as unknown as PageFacts;
    rendered = renderMessage(
      policy.notifications.templates,
      n.template,
      language,
      messageContext(
        n.kind === 'resolved' ? 'resolved' : n.kind === 'test' ? 'test' : 'page',
        page,
        language,
      ),
      policy.timezone,
    );
    if (rendered.templateError)
      log.error(
        { notification: n.id, template: n.template, language },
        `template error, sent with a built-in template instead: ${rendered.templateError}`,
      );
    message = {
      id: String(n.id),
      title: rendered.title,
      body: rendered.body,
      footer: footer(n, page, language),
      severity: n.severity,
      eventType: n.template,
      language,
      link:
        page.alert && policy.notifications.baseUrl
          ? `${policy.notifications.baseUrl}/api/v1/alerts/${String(page.alert.id)}`
          : undefined,
      recipient,
      payload: {
        alert: page.alert,
        event: page.facts?.event ?? null,
        customer: page.facts?.customer ?? null,
        commitment: page.facts?.commitment?.id ?? null,
        ticket: page.facts?.ticket?.id ?? null,
      },
    };
  }
  const attempt = n.totalAttempts + 1;
  const t0 = performance.now();
  try {
    const receipt = await channel.send(message, ctx.time.now());
    const at = ctx.time.now();
    const detail = rendered.templateError
      ? `${receipt.detail}; ${rendered.templateError}`
      : receipt.detail;
    await store.notifications.recordAttempt({
      notificationId: n.id,
      attempt,
      channel: channel.name,
      at: started,
      durationMs: performance.now() - t0,
      outcome: 'delivered',
      detail,
    });
    const ok = await store.notifications.update(
      n.id,
      {
        status: 'delivered',
        deliveredAt: at,
        deliveredVia: channel.name,
        attempts: n.attempts + 1,
        totalAttempts: attempt,
        leaseUntil: null,
        lastError: rendered.templateError ?? null,
      },
      owner,
    );
    return ok ? 'delivered' : 'lost_lease';
  } catch (err) {
    const e =
      err instanceof DeliveryError
        ? err
        : new DeliveryError(`${channel.target}: ${(err as Error).message}`, false);
    await store.notifications.recordAttempt({
      notificationId: n.id,
      attempt,
      channel: channel.name,
      at: started,
      durationMs: performance.now() - t0,
      outcome: 'failed',
      detail: e.message,
    });
    const spec = policy.notifications.channels.get(channel.name);
    const attempts = n.attempts + 1;
    if (e.permanent || attempts >= (spec?.attempts ?? 4)) {
      return fallOver(
        ctx,
        { ...n, totalAttempts: attempt },
        owner,
        log,
        `${channel.name} failed ${attempts} time${attempts === 1 ? '' : 's'}${e.permanent ? ' (will not work by retrying)' : ''}: ${e.message}`,
        started,
      );
    }
    const delay = retryDelay(
      attempts,
      spec?.backoffMs ?? 30_000,
      spec?.maxBackoffMs ?? 600_000,
      e.retryAfterMs,
    );
    log.warn(
      { notification: n.id, channel: channel.name, attempt: attempts, retryIn: delay },
      `delivery failed, retrying: ${e.message}`,
    );
    const ok = await store.notifications.update(
      n.id,
      {
        status: 'pending',
        attempts,
        totalAttempts: attempt,
        nextAttemptAt: ctx.time.now() + delay,
        leaseUntil: null,
        lastError: e.message,
      },
      owner,
    );
    return ok ? 'retrying' : 'lost_lease';
  }
}

async function fallOver(
  ctx: ServiceContext,
  n: StoredNotification,
  owner: string,
  log: DeliveryLog,
  reason: string,
  at: number,
): Promise<DeliveryOutcome> {
  const { store } = ctx;
  const next = n.channels[n.channelIndex + 1];
  const now = ctx.time.now();
  const report = async (type: string, message: string) => {
    if (n.alertId !== null)
      await store.alerts.log({
        alertId: n.alertId,
        at: now,
        kind: type === 'notification.failed_over' ? 'failed_over' : 'undeliverable',
        message,
        data: { notification: n.id },
      });
    await store.signals.append([
      {
        at,
        recordedAt: now,
        type,
        subjectType: 'notification',
        subjectId: String(n.id),
        commitment: null,
        customer: null,
        data: { alert: n.alertId, recipient: n.recipientName, channels: n.channels, reason },
        dedupeKey: `notification:${n.id}:${type}:${n.channelIndex}`,
      },
    ]);
  };
  if (next !== undefined) {
    const message = `notification ${n.id}${n.recipientName ? ` for ${n.recipientName}` : ''}: ${reason}; falling over to ${next}`;
    log.warn({ notification: n.id, from: n.channels[n.channelIndex], to: next }, message);
    await report('notification.failed_over', message);
    const ok = await store.notifications.update(
      n.id,
      {
        status: 'pending',
        channelIndex: n.channelIndex + 1,
        attempts: 0,
        totalAttempts: n.totalAttempts,
        nextAttemptAt: now,
        leaseUntil: null,
        lastError: reason,
        notes: [...n.notes, reason],
      },
      owner,
    );
    return ok ? 'failed_over' : 'lost_lease';
  }
  const message = `notification ${n.id}${n.recipientName ? ` for ${n.recipientName}` : ''} could not be delivered through any of its channels (${n.channels.join(', ') || 'none'}); last: ${reason}. It is kept as failed; retry it with POST /api/v1/notifications/${n.id}/retry`;
  log.error({ notification: n.id, channels: n.channels }, message);
  await report('notification.undeliverable', message);
  const ok = await store.notifications.update(
    n.id,
    {
      status: 'failed',
      totalAttempts: n.totalAttempts,
      leaseUntil: null,
      lastError: reason,
      notes: [...n.notes, reason],
    },
    owner,
  );
  return ok ? 'failed' : 'lost_lease';
}

function footer(n: StoredNotification, page: PageFacts, language: Language): string {
  const parts: string[] = [];
  const a = page.alert;
  if (a && n.kind === 'page') {
    const level = a.levelName
      ? language === 'zh'
        ? `，级别 ${String(a.levelName)}`
        : `, level ${String(a.levelName)}`
      : '';
    parts.push(
      language === 'zh'
        ? `告警 #${String(a.id)}${level}。确认：surety alerts ack ${String(a.id)}`
        : `Alert #${String(a.id)}${level}. Acknowledge: surety alerts ack ${String(a.id)}`,
    );
  }
  for (const note of n.notes)
    parts.push(
      language === 'zh' ? `（改由此通道发送，因为 ${note}）` : `(Sent here because ${note})`,
    );
  if (n.kind === 'page' && a && typeof a.openedAt === 'string')
    parts.push(language === 'zh' ? `开启于 ${a.openedAt}` : `Opened ${a.openedAt}`);
  return parts.join(' ');
}
