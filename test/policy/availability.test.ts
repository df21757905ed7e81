import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { MINUTE } from '../../src/domain/duration.js';
import { parsePolicyText } from '../../src/runtime/policy-file.js';
import { DEFAULT_POLICY } from '../../src/runtime/paths.js';

const base = readFileSync(DEFAULT_POLICY, 'utf8').replace(/^availability:[\s\S]*$/m, '');
const withSection = (section: string) => `${base}\navailability:\n${section}\n`;
const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the availability section of a policy', () => {
  test('the shipped policy: location local, three health checks a day, a weekly stress test, the workbook’s burn rules', () => {
    const { policy, problems } = parsePolicyText(
      readFileSync(DEFAULT_POLICY, 'utf8'),
      'guarantee.yaml',
    );
    assert.deepEqual(problems, []);
    const a = policy!.availability;
    assert.deepEqual(a.locations, ['local']);
    assert.equal(a.agentSilentAfterMs, 2 * MINUTE);
    assert.deepEqual(
      a.healthChecks.map((h) => [h.id, h.at]),
      [['health', [480, 840, 1200]]],
    );
    assert.deepEqual(
      a.stressTests.map((s) => [s.id, s.target, s.maxP99Ms, s.maxErrorRatePercent]),
      [['weekly', undefined, 1000, 1]],
    );
    assert.deepEqual(
      a.burnRules.map((r) => r.name),
      ['page-1h', 'page-6h', 'ticket-3d'],
    );
  });

  test('monitors, locations and maintenance compile; defaults fill the rest', () => {
    const { policy, problems } = parsePolicyText(
      withSection(`  locations: [local, frankfurt]
  quorum: 2
  monitors:
    - { id: web, name: Web, service: shop, type: http, url: "https://shop.example/health" }
    - { id: db, name: DB, service: shop, type: tcp, host: db.internal, port: 5432, locations: [frankfurt] }
    - { id: backup, name: Backup, service: backup, type: heartbeat, period: 1d }
  maintenance:
    - { service: shop, window: "every week on sun 02:00-03:00" }`),
      'p.yaml',
    );
    assert.deepEqual(problems, []);
    const a = policy!.availability;
    assert.deepEqual(
      a.monitors.map((m) => [m.monitor.id, m.locations]),
      [
        ['web', ['local', 'frankfurt']],
        ['db', ['frankfurt']],
        ['backup', ['local']],
      ],
    );
    assert.equal(a.quorum, 2);
    assert.equal(a.maintenance[0]!.window.kind, 'recurring');
    assert.deepEqual(
      a.healthChecks.map((h) => h.id),
      ['health'],
      'a default suite when none is declared',
    );
  });

  test('every problem is reported at its line: a bad monitor, a bad window, a non-loopback stress target, a foreign customer', () => {
    const text = withSection(`  monitors:
    - { id: web, name: Web, service: shop, type: http, url: "not a url" }
    - { id: web, name: Twice, service: shop, type: tcp, host: a, port: 99999 }
    - { id: acme-web, name: A, service: shop2, customer: nobody, type: http, url: "http://a/" }
    - { id: tick, name: T, service: t, type: heartbeat, period: 1h, locations: [frankfurt] }
  maintenance:
    - { service: shop, window: "every fortnight 02:00-03:00" }
  stressTests:
    - { id: load, target: "https://example.com/", every: "every week on sun 03:00-04:00" }
  healthChecks:
    - { id: deep, monitors: [ghost] }`);
    const { policy, problems } = parsePolicyText(text, 'p.yaml');
    assert.equal(policy, undefined);
    const at = (needle: string, mention: string) => {
      const p = problems.find(
        (x) => x.line === lineOf(text, needle) && x.message.includes(mention),
      );
      assert.ok(
        p,
        `a problem "${mention}" at line ${lineOf(text, needle)}: ${JSON.stringify(problems, null, 1)}`,
      );
    };
    at('url: "not a url"', 'is not a URL');
    at('name: Twice', 'already used');
    at('name: Twice', '65535');
    at('customer: nobody', 'no customer "nobody"');
    at('locations: [frankfurt]', 'local only');
    at('fortnight', 'not a period');
    at('https://example.com/', 'loopback');
    at('[ghost]', 'no monitor "ghost"');
  });
});
