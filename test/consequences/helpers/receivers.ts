// Real receivers on loopback for the notification tests: an HTTP endpoint that checks the
// signature each robot kind uses and answers like it, and an SMTP server that records mail.
// Both can be told to fail. The signature checks are written from the vendors' documented
// schemes, independently of the code under test.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceiverKind = 'webhook' | 'slack' | 'teams' | 'feishu' | 'dingtalk' | 'wecom';
export type Mode = 'ok' | 'error500' | 'hang' | 'redirect-loop' | 'bad-signature-answer';

export interface Received {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly raw: string;
  readonly body: any;
  /** Whether the request carried a valid signature (undefined when the kind has none configured). */
  readonly signatureValid: boolean | undefined;
}

export interface HttpReceiver {
  readonly url: string;
  readonly received: Received[];
  mode: Mode;
  /** Fail this many requests with 500 before answering normally again. */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startHttpReceiver(
  kind: ReceiverKind,
  options: { secret?: string; path?: string } = {},
): Promise<HttpReceiver> {
  const received: Received[] = [];
  let failures = 0;
  const hanging = new Set<ServerResponse>();
  const state = { mode: 'ok' as Mode };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://x');
      let body: any;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      if (state.mode === 'redirect-loop') {
        res.writeHead(307, { location: `${url.pathname}?hop=${Math.random()}` }).end();
        return;
      }
      if (state.mode === 'hang') {
        hanging.add(res);
        return;
      }
      const signatureValid = verify(kind, options.secret, req, url, raw, body);
      received.push({
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        raw,
        body,
        signatureValid,
      });
      if (state.mode === 'error500' || failures > 0) {
        failures = Math.max(0, failures - 1);
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal trouble');
        return;
      }
      answer(kind, res, signatureValid !== false);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${options.path ?? '/hook'}?access_token=SECRET-TOKEN-123`,
    received,
    get mode() {
      return state.mode;
    },
    set mode(m: Mode) {
      state.mode = m;
    },
    failNext(n) {
      failures = n;
    },
    async close() {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function verify(
  kind: ReceiverKind,
  secret: string | undefined,
  req: IncomingMessage,
  url: URL,
  raw: string,
  body: any,
): boolean | undefined {
  if (!secret) return undefined;
  const same = (a: string, b: string) =>
    a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  if (kind === 'webhook') {
    const ts = String(req.headers['x-surety-timestamp'] ?? '');
    const sig = String(req.headers['x-surety-signature'] ?? '');
    return same(sig, `sha256=${createHmac('sha256', secret).update(`${ts}.${raw}`).digest('hex')}`);
  }
  if (kind === 'dingtalk') {
    const ts = url.searchParams.get('timestamp') ?? '';
    const sign = url.searchParams.get('sign') ?? '';
    return same(sign, createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'));
  }
  if (kind === 'feishu') {
    const ts = String(body?.timestamp ?? '');
    return same(
      String(body?.sign ?? ''),
      createHmac('sha256', `${ts}\n${secret}`).update('').digest('base64'),
    );
  }
  return undefined;
}

function answer(kind: ReceiverKind, res: ServerResponse, signed: boolean): void {
  const json = (status: number, v: unknown): void =>
    void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(v));
  switch (kind) {
    case 'webhook':
      return signed ? void res.writeHead(204).end() : json(401, { error: 'bad signature' });
    case 'slack':
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    case 'teams':
      return void res.writeHead(202).end();
    case 'feishu':
      return json(
        200,
        signed
          ? { code: 0, msg: 'success', data: {} }
          : {
              code: 19021,
              msg: 'sign match fail or timestamp is not within one hour from current time',
            },
      );
    case 'dingtalk':
      return json(
        200,
        signed ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' },
      );
    case 'wecom':
      return json(200, { errcode: 0, errmsg: 'ok' });
  }
}

export interface SmtpRecorder {
  readonly port: number;
  readonly messages: ParsedMail[];
  /** Refuse every recipient with this SMTP reply (550 …), or accept (null). */
  refuse: string | null;
  close(): Promise<void>;
}

export async function startSmtpRecorder(): Promise<SmtpRecorder> {
  const messages: ParsedMail[] = [];
  const state = { refuse: null as string | null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.refuse) {
        const err = Object.assign(new Error(state.refuse.replace(/^\d+\s*/, '')), {
          responseCode: Number(state.refuse.slice(0, 3)),
        });
        return callback(err);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((m) => {
          messages.push(m);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    get refuse() {
      return state.refuse;
    },
    set refuse(v) {
      state.refuse = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nobody listens on (taken and released). */
export async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
