import type { EscalationPolicy } from '../notifications.js';
import type { Consequence } from '../policy.js';
import type { Path, Report } from '../problem-report.js';
import type { NotificationsDocument } from '../schema-notifications.js';
import type { CompiledChannels } from './channels.js';

/** Consequences that act through notifications name channels, escalations and levels that exist. */
export function checkConsequenceReferences(
  doc: NotificationsDocument | undefined,
  consequences: ReadonlyMap<string, Consequence>,
  channels: CompiledChannels,
  escalations: ReadonlyMap<string, EscalationPolicy>,
  levelNames: ReadonlySet<string>,
  problem: Report,
): void {
  for (const [name, c] of consequences) {
    const rule = c.rule;
    const path: Path = ['consequences', name];
    if (!rule) continue;
    if (rule.type === 'notify')
      rule.channels.forEach((ch, i) => channels.known(ch, [...path, 'channels', i]));
    if (
      rule.type === 'escalate' &&
      rule.escalation !== undefined &&
      !escalations.has(rule.escalation) &&
      !doc?.escalations?.[rule.escalation]
    ) {
      problem([...path, 'escalation'], `no escalation policy is named "${rule.escalation}"`);
    }
    const level =
      rule.type === 'expedite'
        ? rule.escalateTo
        : rule.type === 'escalate'
          ? rule.startAt
          : undefined;
    if (level !== undefined && escalations.size > 0 && !levelNames.has(level)) {
      problem(
        [...path, rule.type === 'expedite' ? 'escalateTo' : 'startAt'],
        `no escalation level is named "${level}"; levels: ${[...levelNames].join(', ')}`,
      );
    }
  }
}
