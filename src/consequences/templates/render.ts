import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import { formatDuration } from '../../domain/duration.js';
import type { Language } from '../../domain/localized.js';
import type { MessageTemplate } from '../../policy/notifications.js';
import { BUILTIN_TEMPLATES } from './builtin.js';

/**
 * What templates can refer to. Absent facts are null, never missing: strict rendering
 * treats a missing field as an error, and a null one as empty.
 */
export interface MessageContext {
  readonly kind: 'page' | 'resolved' | 'test';
  readonly alert: Readonly<Record<string, unknown>> | null;
  readonly event: {
    readonly type: string;
    readonly at: string;
    readonly subject: { readonly type: string; readonly id: string };
    readonly data: Readonly<Record<string, unknown>>;
  };
  readonly commitment: { readonly id: string; readonly name: string } | null;
  readonly customer: { readonly id: string; readonly name: string } | null;
  readonly ticket: Readonly<Record<string, unknown>> | null;
  readonly recipient: { readonly name: string } | null;
  readonly [extra: string]: unknown;
}

export interface RenderedMessage {
  readonly title: string;
  readonly body: string;
  /** Set when the chosen template could not be rendered and a built-in one stood in. */
  readonly templateError?: string | undefined;
}

export type TemplateSet = ReadonlyMap<string, Partial<Record<Language, MessageTemplate>>>;

const engine = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

function compile(source: string): HandlebarsTemplateDelegate {
  let t = compiled.get(source);
  if (!t) {
    // strict: a field the event does not have is an error to report, not an empty string.
    t = engine.compile(source, { strict: true, noEscape: true });
    if (compiled.size > 1000) compiled.clear();
    compiled.set(source, t);
  }
  return t;
}

function helpers(timezone: string, language: Language) {
  return {
    time: (v: unknown) => {
      const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
      if (!Number.isFinite(t)) return String(v ?? '');
      return (
        DateTime.fromMillis(t, { zone: timezone }).toFormat(
          language === 'zh' ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd HH:mm',
        ) + ` (${timezone})`
      );
    },
    percent: (v: unknown) =>
      typeof v === 'number' ? `${Math.round(v * 1000) / 10}%` : String(v ?? ''),
    duration: (v: unknown) => (typeof v === 'number' ? formatDuration(v) : String(v ?? '')),
  };
}

function renderWith(
  t: MessageTemplate,
  ctx: MessageContext,
  h: ReturnType<typeof helpers>,
): { title: string; body: string } {
  const opts = { helpers: h };
  return { title: compile(t.title)(ctx, opts).trim(), body: compile(t.body)(ctx, opts).trim() };
}

/**
 * Renders a message for an event type in a language: the policy's template first, then the
 * built-in one for the type, then the generic one. A template that refers to a field the
 * event lacks does not lose the message: the next one stands in, and the error is returned
 * for the delivery log.
 */
export function renderMessage(
  policyTemplates: TemplateSet,
  type: string,
  language: Language,
  ctx: MessageContext,
  timezone: string,
): RenderedMessage {
  const h = helpers(timezone, language);
  const candidates: Array<[string, MessageTemplate | undefined]> = [
    [`policy template "${type}" (${language})`, policyTemplates.get(type)?.[language]],
    [`built-in template "${type}" (${language})`, BUILTIN_TEMPLATES[type]?.[language]],
    [`built-in template "generic" (${language})`, BUILTIN_TEMPLATES.generic![language]],
  ];
  const errors: string[] = [];
  for (const [what, t] of candidates) {
    if (!t) continue;
    try {
      const out = renderWith(t, ctx, h);
      return errors.length > 0 ? { ...out, templateError: errors.join('; ') } : out;
    } catch (err) {
      errors.push(`${what} cannot be rendered: ${explain(err)}`);
    }
  }
  // Only a broken built-in could get here; the message still goes out.
  return {
    title: `${ctx.event.type}: ${ctx.event.subject.type} ${ctx.event.subject.id}`,
    body: `${ctx.event.type} at ${ctx.event.at}`,
    templateError: errors.join('; '),
  };
}

function explain(err: unknown): string {
  const m = /"([^"]+)" not defined in/.exec((err as Error).message);
  const where = /- (\d+):(\d+)/.exec((err as Error).message);
  if (m)
    return `it refers to "${m[1]}", which this event does not have${where ? ` (line ${where[1]}, column ${where[2]})` : ''}`;
  return (err as Error).message.split('\n')[0]!;
}
