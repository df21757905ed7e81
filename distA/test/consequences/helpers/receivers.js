// Real receivers on loopback for the notification tests: an HTTP endpoint that checks the
// signature each robot kind uses and answers like it, and an SMTP server that records mail.
// Both can be told to fail. The signature checks are written from the vendors' documented
// schemes, independently of the code under test.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
export async function startHttpReceiver(kind, options = {}) {
    const received = [];
    let failures = 0;
    const hanging = new Set();
    const state = { mode: 'ok' };
    const server = createServer((req, res) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            const url = new URL(req.url ?? '/', 'http://x');
            let body;
            try {
                body = JSON.parse(raw);
            }
            catch {
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
            received.push({ path: url.pathname, query: url.searchParams, headers: req.headers, raw, body, signatureValid });
            if (state.mode === 'error500' || failures > 0) {
                failures = Math.max(0, failures - 1);
                res.writeHead(500, { 'content-type': 'text/plain' }).end('internal trouble');
                return;
            }
            answer(kind, res, signatureValid !== false);
        });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = server.address().port;
    return {
        url: `http://127.0.0.1:${port}${options.path ?? '/hook'}?access_token=SECRET-TOKEN-123`,
        received,
        get mode() {
            return state.mode;
        },
        set mode(m) {
            state.mode = m;
        },
        failNext(n) {
            failures = n;
        },
        async close() {
            for (const r of hanging)
                r.destroy();
            server.closeAllConnections();
            await new Promise((resolve) => server.close(() => resolve()));
        },
    };
}
function verify(kind, secret, req, url, raw, body) {
    if (!secret)
        return undefined;
    const same = (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
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
        return same(String(body?.sign ?? ''), createHmac('sha256', `${ts}\n${secret}`).update('').digest('base64'));
    }
    return undefined;
}
function answer(kind, res, signed) {
    const json = (status, v) => void res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(v));
    switch (kind) {
        case 'webhook':
            return signed ? void res.writeHead(204).end() : json(401, { error: 'bad signature' });
        case 'slack':
            return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        case 'teams':
            return void res.writeHead(202).end();
        case 'feishu':
            return json(200, signed ? { code: 0, msg: 'success', data: {} } : { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' });
        case 'dingtalk':
            return json(200, signed ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' });
        case 'wecom':
            return json(200, { errcode: 0, errmsg: 'ok' });
    }
}
export async function startSmtpRecorder() {
    const messages = [];
    const state = { refuse: null };
    const server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onRcptTo(_address, _session, callback) {
            if (state.refuse) {
                const err = Object.assign(new Error(state.refuse.replace(/^\d+\s*/, '')), { responseCode: Number(state.refuse.slice(0, 3)) });
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
    await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = server.server.address().port;
    return {
        port,
        messages,
        get refuse() {
            return state.refuse;
        },
        set refuse(v) {
            state.refuse = v;
        },
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}
/** A loopback port nobody listens on (taken and released). */
export async function deadPort() {
    const s = createServer();
    await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
    const port = s.address().port;
    await new Promise((resolve) => s.close(() => resolve()));
    return port;
}
//# sourceMappingURL=receivers.js.map