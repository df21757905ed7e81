import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SuretyError } from '../../../src/domain/errors.js';
import { compileMonitor, requireMonitor } from '../../../src/policy/monitors/compile-monitor.js';
import { MonitorDefinitionSchema } from '../../../src/policy/monitors/monitor-definition.js';
import { compileSchema } from '../../../src/validation/ajv.js';

const problemsOf = (def: unknown, at?: string) => {
  const r = compileMonitor(def, at);
  assert.equal(r.ok, false, 'expected the definition to be rejected');
  return r.ok ? {} : Object.fromEntries(r.problems.map((p) => [p.path, p.message]));
};

describe('monitor definitions', () => {
  test('an http monitor gets its defaults filled in', () => {
    const m = requireMonitor({
      type: 'http',
      id: 'api-health',
      name: 'API health',
      service: 'api',
      url: 'https://api.example.com/health',
    });
    assert.deepEqual(m, {
      type: 'http',
      id: 'api-health',
      name: 'API health',
      service: 'api',
      intervalMs: 30_000,
      timeoutMs: 10_000,
      failuresBeforeDown: 2,
      url: 'https://api.example.com/health',
      method: 'GET',
      headers: {},
      expectStatus: [[200, 299]],
      followRedirects: 5,
      tlsExpiryWarningMs: 14 * 86_400_000,
      ignoreTls: false,
    });
  });

  test('every http field is parsed into its working form', () => {
    const m = requireMonitor({
      type: 'http',
      id: 'checkout',
      name: 'Checkout',
      service: 'shop',
      customer: 'acme',
      interval: '1m',
      timeout: '5s',
      failuresBeforeDown: 3,
      url: 'http://shop.example.com/api/ping',
      method: 'POST',
      headers: { 'X-Probe': 'surety' },
      body: '{}',
      expectStatus: [200, '3xx', '401-403'],
      keyword: 'pong',
      notKeyword: 'error',
      json: { path: "$.checks[0]['db ok']", equals: true },
      maxLatency: '1.5s',
      followRedirects: 0,
      tlsExpiryWarning: '30d',
      ignoreTls: true,
    });
    assert.equal(m.type, 'http');
    if (m.type !== 'http') return;
    assert.equal(m.customer, 'acme');
    assert.equal(m.intervalMs, 60_000);
    assert.deepEqual(m.expectStatus, [
      [200, 200],
      [300, 399],
      [401, 403],
    ]);
    assert.deepEqual(m.headers, { 'x-probe': 'surety' });
    assert.deepEqual(m.json, {
      path: ['checks', 0, 'db ok'],
      source: "$.checks[0]['db ok']",
      equals: { value: true },
    });
    assert.equal(m.maxLatencyMs, 1500);
    assert.equal(m.followRedirects, 0);
  });

  test('tcp, dns and heartbeat monitors compile', () => {
    assert.deepEqual(
      requireMonitor({
        type: 'tcp',
        id: 'db',
        name: 'Database',
        service: 'db',
        host: 'db.internal',
        port: 5432,
      }),
      {
        type: 'tcp',
        id: 'db',
        name: 'Database',
        service: 'db',
        intervalMs: 30_000,
        timeoutMs: 10_000,
        failuresBeforeDown: 2,
        host: 'db.internal',
        port: 5432,
      },
    );
    const dns = requireMonitor({
      type: 'dns',
      id: 'mx',
      name: 'Mail',
      service: 'mail',
      domain: 'example.com.',
      recordType: 'MX',
      expected: ['10 mx.example.com'],
      server: '[2001:db8::53]:5353',
    });
    assert.equal(dns.type === 'dns' && dns.domain, 'example.com');
    assert.equal(dns.type === 'dns' && dns.server, '[2001:db8::53]:5353');
    const beat = requireMonitor({
      type: 'heartbeat',
      id: 'backup',
      name: 'Nightly backup',
      service: 'backup',
      period: '1d',
      grace: '1h',
      interval: '1m',
    });
    assert.equal(beat.type === 'heartbeat' && beat.periodMs, 86_400_000);
    assert.equal(beat.type === 'heartbeat' && beat.graceMs, 3_600_000);
  });

  test('every problem is reported at once, each with its path', () => {
    const problems = problemsOf({
      type: 'http',
      id: 'bad id!',
      service: 'api',
      interval: '30',
      timeout: '1m',
      url: 'ftp://files.example.com/x',
      method: 'FETCH',
      expectStatus: [200, '6xx'],
      json: { path: 'status' },
      headers: { 'Content-Length': '3' },
      followRedirects: -1,
      colour: 'red',
    });
    assert.deepEqual(Object.keys(problems).sort(), [
      '/colour',
      '/expectStatus/1',
      '/followRedirects',
      '/headers/Content-Length',
      '/id',
      '/interval',
      '/json/path',
      '/method',
      '/name',
      '/url',
    ]);
    assert.match(problems['/name']!, /"name" is required/);
    assert.match(problems['/interval']!, /"30" is not a duration/);
    assert.match(problems['/url']!, /must be an http:\/\/ or https:\/\/ URL/);
    assert.match(problems['/expectStatus/1']!, /"6xx" is not a status/);
    assert.match(problems['/json/path']!, /must start with "\$"/);
    assert.match(problems['/colour']!, /unknown field "colour"/);
    assert.match(problems['/method']!, /must be one of "GET"/);
  });

  test('meaning is checked too: timeout within interval, HEAD without body checks, no credentials in URLs', () => {
    assert.match(
      problemsOf({
        type: 'tcp',
        id: 't',
        name: 'T',
        service: 's',
        host: 'h',
        port: 1,
        interval: '10s',
        timeout: '20s',
      })['/timeout']!,
      /not be longer than the interval/,
    );
    const head = problemsOf({
      type: 'http',
      id: 'h',
      name: 'H',
      service: 's',
      url: 'https://user:pw@x.example/',
      method: 'HEAD',
      keyword: 'ok',
      json: { path: '$.a' },
    });
    assert.deepEqual(Object.keys(head).sort(), ['/json', '/keyword', '/url']);
    assert.match(head['/url']!, /must not contain credentials/);
    assert.match(
      problemsOf({ type: 'http', id: 'h', name: 'H', service: 's', url: 'not a url' })['/url']!,
      /is not a URL/,
    );
    assert.match(
      problemsOf({
        type: 'http',
        id: 'h',
        name: 'H',
        service: 's',
        url: 'http://x/',
        keyword: 'a',
        notKeyword: 'a',
      })['/notKeyword']!,
      /could never pass/,
    );
    assert.match(
      problemsOf({
        type: 'tcp',
        id: 't',
        name: 'T',
        service: 's',
        host: 'h',
        port: 1,
        interval: '500ms',
      })['/interval']!,
      /at least 1s/,
    );
  });

  test('wrong shapes read as sentences: header names and values, expectStatus, json', () => {
    const problems = problemsOf({
      type: 'http',
      id: 'x',
      name: 'X',
      service: 's',
      url: 'http://x.example/',
      expectStatus: { a: 1 },
      json: 5,
      headers: { 'bad header': 'x', ok: 'a\nb' },
    });
    assert.match(problems['/headers/bad header']!, /is not an HTTP header name/);
    assert.match(problems['/headers/ok']!, /a header value on one line/);
    assert.match(problems['/expectStatus']!, /a class like "2xx"/);
    assert.equal(problems['/json'], 'must be an object (got number 5)');
  });

  test('tcp, dns and heartbeat problems', () => {
    assert.deepEqual(
      Object.keys(
        problemsOf({ type: 'tcp', id: 't', name: 'T', service: 's', port: 70000 }),
      ).sort(),
      ['/host', '/port'],
    );
    const dns = problemsOf({
      type: 'dns',
      id: 'd',
      name: 'D',
      service: 's',
      domain: 'bad..name',
      recordType: 'SRV',
      expected: ['not-an-ip'],
      server: '1.2.3.4:99999',
    });
    assert.deepEqual(Object.keys(dns).sort(), ['/domain', '/expected/0', '/recordType', '/server']);
    assert.match(dns['/expected/0']!, /not an IPv4 address/);
    assert.match(dns['/server']!, /is not "ip" or "ip:port"/);
    const beat = problemsOf({ type: 'heartbeat', id: 'b', name: 'B', service: 's', grace: 'soon' });
    assert.deepEqual(Object.keys(beat).sort(), ['/grace', '/period']);
  });

  test('an unknown type still gets its shared fields checked; paths can be prefixed', () => {
    const problems = problemsOf({ type: 'ping', id: 'p', interval: 'often' }, '/monitors/3');
    assert.deepEqual(Object.keys(problems).sort(), [
      '/monitors/3/interval',
      '/monitors/3/name',
      '/monitors/3/service',
      '/monitors/3/type',
    ]);
    assert.match(
      problems['/monitors/3/type']!,
      /must be one of "http", "tcp", "dns", "heartbeat" \(got "ping"\)/,
    );
    assert.deepEqual(problemsOf(null, '/monitors/0'), {
      '/monitors/0': 'a monitor must be an object (got null)',
    });
    assert.ok(problemsOf({ id: 'x', name: 'X', service: 's' })['/type']);
  });

  test('requireMonitor throws one invalid_input error carrying every problem', () => {
    assert.throws(
      () => requireMonitor({ type: 'tcp', id: 't', name: 'T', service: 's', host: '', port: 0 }),
      (e: unknown) =>
        e instanceof SuretyError &&
        e.code === 'invalid_input' &&
        e.details.length === 2 &&
        /host: must not be empty/.test(e.message),
    );
  });

  test('the published union schema accepts what compiles', () => {
    const validate = compileSchema(MonitorDefinitionSchema);
    for (const def of [
      {
        type: 'http',
        id: 'a',
        name: 'A',
        service: 's',
        url: 'https://x.example/',
        expectStatus: '2xx',
      },
      { type: 'tcp', id: 'b', name: 'B', service: 's', host: 'h', port: 22 },
      { type: 'dns', id: 'c', name: 'C', service: 's', domain: 'x.example' },
      { type: 'heartbeat', id: 'd', name: 'D', service: 's', period: '1h' },
    ]) {
      assert.equal(validate(def), true, JSON.stringify(validate.errors));
      assert.equal(compileMonitor(def).ok, true);
    }
  });
});
