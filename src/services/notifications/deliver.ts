import {
  DeliveryError,
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
import { fallOver } from './fall-over.js';
import { footer } from './page-footer.js';
import { ChannelSet, DeliveryLog, DeliveryOutcome } from './delivery-types.js';

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
