import type { Path, Report } from './problem-report.js';
import type { ConsequenceRule, CreditTier, CreditsPolicy } from './notifications.js';
import type { CreditsDocument } from './schema-notifications.js';

const FIELDS: Record<ConsequenceRule['type'], readonly string[]> = {
  credit: ['percentOfMonthlyFee', 'tiers', 'maxPercentOfMonthlyFee'],
  expedite: ['escalateTo'],
  escalate: ['startAt', 'escalation'],
  notify: ['channels'],
};

const isPercentNumber = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 100;

/**
 * A consequence's settings, typed. The schema lets each type carry its own fields; this
 * checks them, so a misspelt `percentOfMontlyFee` is an error at load, not a credit of 0.
 */
export function compileConsequenceRule(
  type: ConsequenceRule['type'],
  settings: Readonly<Record<string, unknown>>,
  path: Path,
  problem: Report,
): ConsequenceRule | undefined {
  let ok = true;
  const fail = (p: Path, m: string, key = false) => {
    ok = false;
    problem(p, m, key);
  };
  for (const field of Object.keys(settings)) {
    if (!FIELDS[type].includes(field))
      fail(
        [...path, field],
        `unknown field "${field}" for a ${type} consequence; it takes ${FIELDS[type].join(', ')}`,
        true,
      );
  }
  const text = (field: string): string | undefined => {
    const v = settings[field];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') fail([...path, field], `${field} is a name (text)`);
    return typeof v === 'string' ? v : undefined;
  };
  switch (type) {
    case 'credit': {
      const percent = settings.percentOfMonthlyFee;
      const tiers = settings.tiers;
      if ((percent === undefined) === (tiers === undefined))
        fail(
          path,
          'a credit is either `percentOfMonthlyFee` for each breach or uptime `tiers`, not both or neither',
        );
      if (percent !== undefined && !isPercentNumber(percent))
        fail(
          [...path, 'percentOfMonthlyFee'],
          'percentOfMonthlyFee is a number above 0 and at most 100, like 5',
        );
      const max = settings.maxPercentOfMonthlyFee;
      if (max !== undefined && !isPercentNumber(max))
        fail(
          [...path, 'maxPercentOfMonthlyFee'],
          'maxPercentOfMonthlyFee is a number above 0 and at most 100',
        );
      const parsedTiers =
        tiers === undefined ? undefined : compileTiers(tiers, [...path, 'tiers'], fail);
      if (!ok) return undefined;
      return {
        type,
        percentOfMonthlyFee: percent as number | undefined,
        tiers: parsedTiers,
        maxPercentOfMonthlyFee: max as number | undefined,
      };
    }
    case 'expedite': {
      const escalateTo = text('escalateTo');
      return ok ? { type, escalateTo } : undefined;
    }
    case 'escalate': {
      const startAt = text('startAt');
      const escalation = text('escalation');
      return ok ? { type, startAt, escalation } : undefined;
    }
    case 'notify': {
      const channels = settings.channels;
      if (
        !Array.isArray(channels) ||
        channels.length === 0 ||
        !channels.every((c) => typeof c === 'string' && c !== '')
      ) {
        fail(
          [...path, 'channels'],
          'a notify consequence names the channels to tell: channels: [ops-slack]',
        );
        return undefined;
      }
      return ok ? { type, channels: channels as string[] } : undefined;
    }
  }
}

function compileTiers(
  raw: unknown,
  path: Path,
  fail: (p: Path, m: string, key?: boolean) => void,
): CreditTier[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    fail(path, 'tiers is a list like [{ below: 99.9%, percentOfMonthlyFee: 10 }]');
    return undefined;
  }
  const tiers: CreditTier[] = [];
  raw.forEach((t, i) => {
    const where = [...path, i];
    if (t === null || typeof t !== 'object' || Array.isArray(t))
      return fail(where, 'a tier is { below: 99.9%, percentOfMonthlyFee: 10 }');
    const tier = t as Record<string, unknown>;
    for (const k of Object.keys(tier))
      if (k !== 'below' && k !== 'percentOfMonthlyFee')
        fail(
          [...where, k],
          `unknown field "${k}" in a tier; it takes below and percentOfMonthlyFee`,
          true,
        );
    const m = typeof tier.below === 'string' ? /^(\d+(?:\.\d+)?)%$/.exec(tier.below) : null;
    const below = m ? Number(m[1]) : NaN;
    if (!(below > 0 && below <= 100))
      fail([...where, 'below'], 'below is an uptime percentage like 99.9%');
    if (!isPercentNumber(tier.percentOfMonthlyFee))
      fail(
        [...where, 'percentOfMonthlyFee'],
        'percentOfMonthlyFee is a number above 0 and at most 100',
      );
    if (tiers.some((x) => x.belowPercent === below))
      fail([...where, 'below'], `another tier is already below ${below}%`);
    tiers.push({ belowPercent: below, percentOfMonthlyFee: tier.percentOfMonthlyFee as number });
  });
  // Lowest threshold first: the first tier the uptime is below is the one that applies.
  return tiers.sort((a, b) => a.belowPercent - b.belowPercent);
}

export function compileCredits(doc: CreditsDocument | undefined, problem: Report): CreditsPolicy {
  if (doc?.monthlyCap === undefined) return { monthlyCapPercent: 100 };
  const cap = Number(doc.monthlyCap.slice(0, -1));
  if (!(cap > 0 && cap <= 100))
    problem(
      ['credits', 'monthlyCap'],
      `${doc.monthlyCap} must be above 0% and at most 100% of the monthly fee`,
    );
  return { monthlyCapPercent: cap };
}
