import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
/** A small guarantee with notifications wired to the test's loopback receivers; returns its file. */
export function notificationPolicy(p) {
    const text = `
surety: 1
name: { en: Test guarantee, zh: 测试保证书 }
timezone: Asia/Shanghai
consequences:
  timeout-credit: { type: credit, percentOfMonthlyFee: 5 }
  expedite: { type: expedite, escalateTo: management }
commitments:
  - { id: C-01, name: { en: First response, zh: 首次响应 }, measure: first_response, target: 15m, pausesWhileWaiting: false, onBreach: [timeout-credit, expedite] }
  - { id: C-03, name: { en: General problem resolved, zh: 一般问题解决 }, measure: resolution, target: 24h, appliesTo: { kinds: [problem], priorities: [general] }, onBreach: [timeout-credit, expedite] }
  - { id: F-02, name: { en: Feedback classified, zh: 反馈分类 }, measure: classification, target: 10m, appliesTo: { kinds: [feedback] } }
notifications:
  language: zh
  channels:
    ops-dingtalk: { type: dingtalk, url: "${p.dingtalk}", secret: SEC-test-secret, attempts: 2, backoff: 1m, timeout: 2s }
    mail: { type: email, smtp: { host: 127.0.0.1, port: ${p.smtpPort}, verifyCertificate: false }, from: "Surety <surety@example.com>", to: [desk@example.com], timeout: 2s, attempts: 2, backoff: 1m }
    hook: { type: webhook, url: "${p.webhook}", secret: whsec-test, timeout: 2s, backoff: 1m }
    ops-log: { type: log }
    spare: { type: slack, enabled: false, url: "https://hooks.slack.com/services/T0/B0/X" }
  people:
    li: { name: 李伟, email: li@example.com, mobile: "13800000001" }
    anna: { name: Anna, email: anna@example.com, mobile: "13800000002", language: en }
    lead: { name: 张敏, email: lead@example.com, mobile: "13800000003", quietHours: night }
    boss: { name: 王芳, email: boss@example.com, mobile: "13800000004", quietHours: night }
  teams:
    team-leads: [lead]
    management: [boss]
  schedules:
    first-line: { start: "2026-09-28T09:00", every: 1w, members: [li, anna], overrides: [{ from: "2026-10-20T09:00", to: "2026-10-21T09:00", person: lead }] }
  quietHours:
    night: { hours: "22:00-08:00", exceptSeverities: [critical] }
  escalations:
    standard:
      levels:
        - { name: on-call, after: 0m, notify: ["schedule:first-line"] }
        - { name: team-lead, after: 10m, notify: ["team:team-leads"] }
        - { name: management, after: 30m, notify: ["team:management"] }
      repeat: { every: 30m, times: 1 }
  routes:
    - { name: sla, match: { types: ["clock.*"] }, escalation: standard, channels: [${p.routeChannels ?? 'ops-dingtalk, mail, ops-log'}] }
${p.extra ?? ''}
`;
    const file = join(mkdtempSync(join(tmpdir(), 'surety-policy-')), 'guarantee.yaml');
    writeFileSync(file, text);
    return file;
}
//# sourceMappingURL=policy.js.map