import type { Path, Report } from '../problem-report.js';
import { DAY, MINUTE, SECOND, parseDuration } from '../../domain/duration.js';
import type { Language } from '../../domain/localized.js';
import type { ChannelField, ChannelKindRules } from '../channel-kind-rules.js';
import type { ChannelSpec, SecretRef } from '../notifications.js';
import type { ChannelDocument, NotificationsDocument } from '../schema-notifications.js';

/** Checks that a name refers to a declared channel, reporting where it does not. */
export type NameCheck = (name: string, path: Path) => void;

export interface CompiledChannels {
  /** The enabled channels, by name. */
  readonly channels: Map<string, ChannelSpec>;
  /** A channel declared under any name (enabled or not). */
  readonly known: NameCheck;
  /** Of `names`, those of enabled channels, in order. */
  readonly enabled: (names: readonly string[]) => string[];
}

/** notifications.channels: each declaration checked against its kind; disabled ones kept as names. */
export function compileChannels(
  doc: NotificationsDocument | undefined,
  kinds: readonly ChannelKindRules[],
  language: Language,
  problem: Report,
): CompiledChannels {
  const channels = new Map<string, ChannelSpec>();
  const disabled = new Set<string>();
  for (const [name, c] of Object.entries(doc?.channels ?? {})) {
    const spec = compileChannel(
      name,
      c,
      kinds,
      language,
      ['notifications', 'channels', name],
      problem,
    );
    if (c.enabled === false) disabled.add(name);
    else if (spec) channels.set(name, spec);
  }
  return {
    channels,
    known(name, path) {
      if (!channels.has(name) && !disabled.has(name))
        problem(
          path,
          `no channel is named "${name}"; known: ${[...channels.keys(), ...disabled].join(', ') || 'none'}`,
        );
    },
    enabled: (names) => names.filter((n) => channels.has(n)),
  };
}

const CHANNEL_FIELDS: readonly ChannelField[] = ['url', 'secret', 'headers', 'smtp', 'from', 'to'];

function secretOf(v: string | { env: string } | undefined): SecretRef | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? { value: v } : { env: v.env };
}

function compileChannel(
  name: string,
  c: ChannelDocument,
  kinds: readonly ChannelKindRules[],
  language: Language,
  path: Path,
  problem: Report,
): ChannelSpec | undefined {
  let ok = true;
  const fail = (p: Path, m: string, key = false) => {
    ok = false;
    problem(p, m, key);
  };
  const kind = kinds.find((k) => k.type === c.type);
  if (!kind) {
    fail(
      [...path, 'type'],
      `"${c.type}" is not a channel type; known: ${kinds.map((k) => k.type).join(', ')}`,
    );
    return undefined;
  }
  const a = /^[aeiou]/.test(c.type) ? 'an' : 'a';
  for (const field of CHANNEL_FIELDS) {
    const rule = kind.settings[field];
    if (c[field] !== undefined && !rule)
      fail([...path, field], `"${field}" does not apply to ${a} ${c.type} channel`, true);
    if (c[field] === undefined && rule?.required)
      fail([...path, field], `${a} ${c.type} channel needs ${rule.required}`);
  }
  if (typeof c.url === 'string' && !/^https?:\/\/[^\s/]+/.test(c.url))
    fail([...path, 'url'], `"${c.url}" is not an http(s) URL`);
  const duration = (field: 'timeout' | 'backoff' | 'maxBackoff', fallback: number, min: number) => {
    const text = c[field];
    if (text === undefined) return fallback;
    const ms = parseDuration(text);
    if (ms === undefined || ms < min || ms > DAY) {
      fail([...path, field], `"${text}" is not a duration from ${min}ms to 1d`);
      return fallback;
    }
    return ms;
  };
  const timeoutMs = duration('timeout', 10 * SECOND, 1);
  const backoffMs = duration('backoff', 30 * SECOND, 1);
  const maxBackoffMs = duration('maxBackoff', 10 * MINUTE, 1);
  if (!ok) return undefined;
  return {
    name,
    type: c.type,
    language: c.language ?? language,
    timeoutMs,
    attempts: c.attempts ?? 4,
    backoffMs,
    maxBackoffMs: Math.max(maxBackoffMs, backoffMs),
    url: secretOf(c.url),
    secret: secretOf(c.secret),
    headers: c.headers,
    smtp: c.smtp && {
      host: c.smtp.host,
      port: c.smtp.port ?? (c.smtp.secure ? 465 : 587),
      secure: c.smtp.secure ?? false,
      user: c.smtp.user,
      password: secretOf(c.smtp.password),
      verifyCertificate: c.smtp.verifyCertificate ?? true,
    },
    from: c.from,
    to: c.to ?? [],
  };
}
