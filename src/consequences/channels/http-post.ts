import { DeliveryError } from './channel.js';

export interface PostResult {
  readonly status: number;
  readonly text: string;
}

const MAX_REDIRECTS = 3;

/** The host a URL points at: what logs and errors may show of a webhook URL (its path and query carry tokens). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}

/**
 * POSTs JSON and reads the answer, within `timeoutMs` for the whole exchange. Redirects are
 * followed a few times with the same body; more is a loop and a permanent failure. Every
 * failure is a DeliveryError naming the host (never the full URL: it holds the token).
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  let current = url;
  for (let hop = 0; ; hop++) {
    let res: Response;
    try {
      res = await fetch(current, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        redirect: 'manual',
        signal,
      });
    } catch (err) {
      throw networkError(err, current, timeoutMs);
    }
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get('location');
      await res.body?.cancel().catch(() => {});
      if (!location)
        throw new DeliveryError(
          `${hostOf(current)} answered ${res.status} without saying where to`,
          true,
        );
      if (hop >= MAX_REDIRECTS)
        throw new DeliveryError(
          `${hostOf(url)} redirected more than ${MAX_REDIRECTS} times (a redirect loop?); a webhook URL must answer itself`,
          true,
        );
      current = new URL(location, current).toString();
      continue;
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw networkError(err, current, timeoutMs);
    }
    if (res.status >= 200 && res.status < 300) return { status: res.status, text };
    const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    const what = `${hostOf(current)} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${snippet ? `: ${snippet}` : ''}`;
    if (res.status === 429)
      throw new DeliveryError(what, false, retryAfter(res.headers.get('retry-after')));
    // A client error will not fix itself by retrying; the next channel may get through.
    throw new DeliveryError(what, res.status >= 400 && res.status < 500 && res.status !== 408);
  }
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const s = Number(header);
  return Number.isFinite(s) && s >= 0 ? Math.min(s, 3600) * 1000 : undefined;
}

function networkError(err: unknown, url: string, timeoutMs: number): DeliveryError {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError')
    return new DeliveryError(`${hostOf(url)} did not answer within ${timeoutMs} ms`, false);
  const code = e.cause?.code;
  const reason =
    code === 'ECONNREFUSED'
      ? 'refused the connection'
      : code === 'ENOTFOUND'
        ? 'is not a host name that resolves'
        : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
          ? 'closed the connection before answering'
          : code?.startsWith('ERR_TLS') || code?.includes('CERT')
            ? `failed the TLS check (${code})`
            : `could not be reached (${code ?? e.cause?.message ?? e.message})`;
  return new DeliveryError(`${hostOf(url)} ${reason}`, false);
}

/** Reads a JSON answer from a chat robot; an unreadable one is a failure worth retrying. */
export function parseAnswer(host: string, text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object') return v as Record<string, unknown>;
  } catch {
    /* below */
  }
  throw new DeliveryError(
    `${host} answered with something that is not JSON: ${text.slice(0, 120)}`,
    false,
  );
}
