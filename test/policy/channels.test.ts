import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHANNEL_KINDS } from '../../src/consequences/channels/kinds.js';
import { parsePolicyText } from '../../src/runtime/policy-file.js';

/** A minimal valid policy with the given channels (YAML lines under `channels:`). */
const withChannels = (lines: string) => `surety: 1
name: { en: channels, zh: 渠道 }
commitments:
  - id: C-01
    name: { en: First response, zh: 首次响应 }
    measure: first_response
    target: 15m
notifications:
  channels:
${lines}
`;
const problems = (lines: string) =>
  parsePolicyText(withChannels(lines), 'p.yaml').problems.map((p) => `${p.path}: ${p.message}`);

describe('channel declarations follow their kind', () => {
  test('an unknown type is refused with the known ones named', () => {
    const found = problems('    pager:\n      type: pager\n      url: https://example.com/hook');
    assert.equal(found.length, 1);
    assert.match(found[0]!, /^notifications\.channels\.pager\.type: "pager" is not a channel type/);
    for (const k of CHANNEL_KINDS) assert.ok(found[0]!.includes(k.type), k.type);
  });

  test('a required setting missing is named with what to write', () => {
    assert.deepEqual(problems('    chat:\n      type: slack'), [
      'notifications.channels.chat.url: a slack channel needs the url to post to',
    ]);
    assert.deepEqual(problems('    mail:\n      type: email'), [
      'notifications.channels.mail.smtp: an email channel needs its smtp server: smtp: { host: …, port: 587 }',
      'notifications.channels.mail.from: an email channel needs the sender address: from: surety@example.com',
    ]);
  });

  test('a setting the kind does not take is refused', () => {
    assert.deepEqual(
      problems(
        '    chat:\n      type: slack\n      url: https://example.com/x\n      secret: s3cret',
      ),
      ['notifications.channels.chat.secret: "secret" does not apply to a slack channel'],
    );
    assert.deepEqual(problems('    l:\n      type: log\n      to: [a@example.com]'), [
      'notifications.channels.l.to: "to" does not apply to a log channel',
    ]);
  });

  test('each kind accepts what it declares', () => {
    for (const kind of CHANNEL_KINDS) {
      const settings = Object.keys(kind.settings)
        .map(
          (f) =>
            ({
              url: '      url: https://example.com/hook',
              secret: '      secret: abc',
              headers: '      headers: { X-Team: ops }',
              smtp: '      smtp: { host: 127.0.0.1, port: 2525 }',
              from: '      from: surety@example.com',
              to: '      to: [ops@example.com]',
            })[f]!,
        )
        .join('\n');
      const text = `    c:\n      type: ${kind.type}${settings ? `\n${settings}` : ''}`;
      assert.deepEqual(problems(text), [], kind.type);
    }
  });
});
