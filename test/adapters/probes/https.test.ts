import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY } from '../../../src/domain/duration.js';
import { createHttpChecker } from '../../../src/adapters/probes/http-checker.js';
import { createHttpAgents } from '../../../src/adapters/probes/http-exchange.js';
import {
  hasOpenssl,
  makeCertificates,
  type KeyAndCert,
  type TestCertificates,
} from '../../sources/probes/helpers/certificates.js';
import { httpMonitor } from '../../sources/probes/helpers/monitors.js';
import { startHttpTarget, type HttpTarget } from '../../sources/probes/helpers/targets.js';

/** TLS: trust, names, expiry. The checker trusts only a CA made for the test. */
describe(
  'https checker',
  { skip: hasOpenssl() ? false : 'the openssl CLI is needed to make test certificates' },
  () => {
    let certs: TestCertificates;
    let checker: ReturnType<typeof createHttpChecker>;
    const servers: HttpTarget[] = [];
    const serve = async (c: KeyAndCert) => {
      const s = await startHttpTarget({ key: c.key, cert: c.cert });
      servers.push(s);
      return s;
    };
    before(() => {
      certs = makeCertificates();
      checker = createHttpChecker({ agents: createHttpAgents({ ca: certs.ca }) });
    });
    after(async () => {
      await checker.close();
      for (const s of servers) await s.close();
    });
    const check = (m: ReturnType<typeof httpMonitor>, now = Date.now()) =>
      checker.check(m, now, new AbortController().signal);

    test('a trusted certificate far from expiry passes without a warning and reports its expiry', async () => {
      const s = await serve(certs.valid);
      const r = await check(
        httpMonitor(s.url('/json'), { json: { path: '$.status', equals: 'ok' } }),
      );
      assert.equal(r.ok, true, r.message);
      assert.equal(r.warning, undefined);
      assert.equal(r.details?.certificateExpiresAt, certs.valid.notAfter);
    });

    test('a certificate expiring in 3 days is up, with a certificate_expiring warning', async () => {
      const s = await serve(certs.expiringSoon);
      const r = await check(httpMonitor(s.url('/ok')));
      assert.equal(r.ok, true, r.message);
      assert.equal(r.warning?.code, 'certificate_expiring');
      assert.match(
        r.warning!.message,
        new RegExp(`certificate of 127\\.0\\.0\\.1:${s.port} expires in (2d 23h|3d)`),
      );
      assert.match(r.warning!.message, /within the 14d warning window/);
      const shortWindow = await check(httpMonitor(s.url('/ok'), { tlsExpiryWarning: '2d' }));
      assert.equal(shortWindow.warning, undefined, 'outside a 2d window');
      // The expiry is judged against the `now` passed in, not the wall clock.
      const earlier = await check(httpMonitor(s.url('/ok')), Date.now() - 30 * DAY);
      assert.equal(earlier.warning, undefined);
    });

    test('an expired certificate is a tls failure', async () => {
      const s = await serve(certs.expired);
      const r = await check(httpMonitor(s.url('/ok')));
      assert.equal(r.cause, 'tls');
      assert.equal(r.details?.code, 'CERT_HAS_EXPIRED');
      assert.match(r.message!, /presented an expired certificate/);
    });

    test('a self-signed certificate is a tls failure, unless the monitor ignores TLS errors', async () => {
      const s = await serve(certs.selfSigned);
      const r = await check(httpMonitor(s.url('/ok')));
      assert.equal(r.cause, 'tls');
      assert.equal(
        r.message,
        `GET ${s.url('/ok')}: 127.0.0.1:${s.port} presented a self-signed certificate`,
      );
      const ignored = await check(httpMonitor(s.url('/ok'), { ignoreTls: true }));
      assert.equal(ignored.ok, true, ignored.message);
      assert.ok(ignored.details?.certificateExpiresAt, 'the expiry is still read');
    });

    test('a certificate for another name is a tls failure', async () => {
      const s = await serve(certs.otherName);
      const r = await check(httpMonitor(s.url('/ok')));
      assert.equal(r.cause, 'tls');
      assert.equal(r.details?.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
    });

    test('https to a plain-HTTP port is a tls failure, not a crash', async () => {
      const plain = await startHttpTarget();
      servers.push(plain);
      const r = await check(httpMonitor(`https://127.0.0.1:${plain.port}/ok`));
      assert.equal(r.cause, 'tls', r.message);
    });

    test('TLS connections are reused: one handshake for several checks', async () => {
      const s = await serve(certs.valid);
      for (let i = 0; i < 3; i++) assert.equal((await check(httpMonitor(s.url('/ok')))).ok, true);
      assert.equal(s.connections, 1);
    });
  },
);
