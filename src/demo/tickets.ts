import type { Random } from '../domain/random.js';
import { DAY, HOUR, MINUTE } from '../domain/duration.js';

export interface DemoCustomer {
  readonly id: string;
  readonly name: string;
  readonly plan: 'standard' | 'premium';
  readonly monthlyFee: number;
  /** Share of the ticket volume. */
  readonly weight: number;
}

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  { id: 'acme', name: 'ACME Ltd', plan: 'premium', monthlyFee: 20000, weight: 3 },
  { id: 'globex', name: 'Globex Corporation', plan: 'standard', monthlyFee: 12000, weight: 2 },
  { id: 'initech', name: 'Initech', plan: 'standard', monthlyFee: 8000, weight: 1.5 },
  { id: 'umbrella', name: 'Umbrella Health', plan: 'premium', monthlyFee: 30000, weight: 2 },
  { id: 'wayne', name: 'Wayne Logistics', plan: 'standard', monthlyFee: 15000, weight: 1.5 },
];

const SUBJECTS: Record<string, readonly string[]> = {
  inquiry: [
    "How do I export last month's invoices?",
    'Where can I change the billing address?',
    'Question about API rate limits',
    'Can we add a second admin?',
    'How is uptime calculated?',
    'Single sign-on setup',
  ],
  problem: [
    'Login page times out',
    'Payments fail with error 502',
    'Reports are empty since this morning',
    'Slow dashboard for EU users',
    'Webhook deliveries delayed',
    'Mobile app crashes on start',
    'Search returns stale results',
    'Data import stuck at 80 %',
  ],
  complaint: [
    'Third outage this month',
    'Nobody answered my call',
    'Support closed my ticket without a fix',
  ],
  suggestion: [
    'Dark mode for the console',
    'Export compliance data as CSV',
    'Slack notifications for incidents',
    'A Chinese-language invoice template',
    'Bulk edit for users',
  ],
  feedback: [
    'Great help from the phone team',
    'The new release notes are useful',
    'The status page was out of date',
    'Onboarding took too long',
  ],
};

export interface DemoEvent {
  readonly type: string;
  readonly at: string;
  readonly rating?: number;
}

export interface DemoTicket {
  readonly customer: string;
  readonly kind: string;
  readonly priority: string;
  readonly channel: string;
  readonly subject: string;
  readonly createdAt: string;
  readonly externalId: string;
  readonly events: DemoEvent[];
}

/** How the service desk performs; a "bad" spell makes the trend worth looking at. */
interface Performance {
  readonly lateFactor: number;
  readonly ratingShift: number;
  readonly complaintWeight: number;
}

/**
 * One generated ticket with a plausible history: answered within minutes (now and then too
 * late), problems solved by priority, feedback classified and handled, suggestions decided,
 * ratings after resolution. Events after `now` are left out, so recent tickets are still open.
 */
function ticket(
  r: Random,
  createdAt: number,
  now: number,
  n: number,
  perf: Performance,
  customer: string,
): DemoTicket {
  const kind = r.weighted([
    ['inquiry', 40],
    ['problem', 36],
    ['complaint', perf.complaintWeight],
    ['suggestion', 8],
    ['feedback', 14],
  ] as const);
  const priority =
    kind === 'problem'
      ? r.weighted([
          ['urgent', 20],
          ['general', 60],
          ['complex', 20],
        ] as const)
      : 'general';
  const channel = r.weighted([
    ['web', 30],
    ['email', 25],
    ['phone', 20],
    ['chat', 20],
    ['social', 5],
  ] as const);
  const events: Array<{ type: string; at: number; rating?: number }> = [];
  let t = createdAt;
  const step = (type: string, after: number, extra: { rating?: number } = {}) => {
    t += Math.max(MINUTE / 2, after);
    events.push({ type, at: t, ...extra });
  };
  const late = (p: number) => r.chance(p * perf.lateFactor);
  // First response: C-01 (15 min, 10 for premium).
  step('acknowledged', late(0.015) ? r.around(25 * MINUTE, 0.3) : r.around(4 * MINUTE, 0.5));
  const rate = () => {
    if (!r.chance(0.55)) return;
    const base = r.weighted([
      [5, 62],
      [4, 30],
      [3, 5],
      [2, 2],
      [1, 1],
    ] as const);
    step('rated', r.around(6 * HOUR), {
      rating: Math.max(1, Math.min(5, Math.round(base - (r.chance(perf.ratingShift) ? 1 : 0)))),
    });
  };
  if (kind === 'problem') {
    if (priority === 'general' && r.chance(0.15)) {
      step('waiting_on_customer', r.around(1 * HOUR));
      step('customer_replied', r.around(5 * HOUR));
    }
    if (priority === 'urgent')
      step(
        'solution_provided',
        late(0.03) ? r.around(2.6 * HOUR, 0.2) : r.around(45 * MINUTE, 0.5),
      );
    if (priority === 'complex')
      step(
        'staged_solution_provided',
        late(0.03) ? r.around(80 * HOUR, 0.1) : r.around(26 * HOUR, 0.5),
      );
    if (r.chance(0.012)) {
      step('closed', r.around(30 * HOUR));
    } else {
      step(
        'resolved',
        priority === 'general'
          ? late(0.02)
            ? r.around(30 * HOUR, 0.1)
            : r.around(5 * HOUR, 0.6)
          : r.around(8 * HOUR, 0.6),
      );
      rate();
      step('closed', r.around(2 * DAY, 0.3));
    }
  } else if (kind === 'inquiry') {
    step('resolved', r.around(2 * HOUR, 0.8));
    rate();
    step('closed', r.around(2 * DAY, 0.3));
  } else {
    step('classified', late(0.02) ? r.around(3 * HOUR, 0.2) : r.around(30 * MINUTE, 0.6));
    if (kind === 'suggestion')
      step(r.chance(0.87) ? 'adopted' : 'rejected', r.around(2 * DAY, 0.5));
    step(
      'resolved',
      kind === 'suggestion'
        ? r.around(2 * HOUR)
        : late(0.02)
          ? r.around(30 * HOUR, 0.1)
          : r.around(6 * HOUR, 0.6),
    );
    if (kind !== 'suggestion') rate();
    step('closed', r.around(2 * DAY, 0.3));
  }
  return {
    customer,
    kind,
    priority,
    channel,
    subject: r.pick(SUBJECTS[kind]!),
    createdAt: new Date(createdAt).toISOString(),
    externalId: `DEMO-${n}`,
    events: events
      .filter((e) => e.at <= now)
      .map((e) => ({
        type: e.type,
        at: new Date(e.at).toISOString(),
        ...(e.rating !== undefined ? { rating: e.rating } : {}),
      })),
  };
}

/** Tickets over `days` days ending at `now`: more on weekdays and in office hours, a bad fortnight in the middle. */
export function demoTickets(r: Random, now: number, days: number, perDay: number): DemoTicket[] {
  const out: DemoTicket[] = [];
  const start = now - days * DAY;
  const badFrom = start + Math.floor(days * 0.45) * DAY;
  const badTo = badFrom + 14 * DAY;
  const customers = DEMO_CUSTOMERS.map((c) => [c.id, c.weight] as const);
  let n = 0;
  for (let day = 0; day < days; day++) {
    const dayStart = start + day * DAY;
    const weekday = new Date(dayStart + 8 * HOUR).getUTCDay();
    const volume = Math.round(
      perDay * (weekday === 0 || weekday === 6 ? 0.45 : 1.15) * (0.8 + r.next() * 0.4),
    );
    for (let i = 0; i < volume; i++) {
      // Office hours in Shanghai (01:00-10:00 UTC) get most of the tickets.
      const hour = r.chance(0.75) ? 1 + r.next() * 9 : r.next() * 24;
      const createdAt = Math.floor(dayStart + hour * HOUR);
      if (createdAt > now - MINUTE) continue;
      const bad = createdAt >= badFrom && createdAt < badTo;
      const perf: Performance = bad
        ? { lateFactor: 3, ratingShift: 0.45, complaintWeight: 4 }
        : { lateFactor: 1, ratingShift: 0.05, complaintWeight: 1.2 };
      out.push(ticket(r, createdAt, now, ++n, perf, r.weighted(customers)));
    }
  }
  // A few fresh ones whose clocks are running, warning or just breached as the demo opens.
  const fresh: Array<[number, string, string]> = [
    [3 * MINUTE, 'problem', 'urgent'],
    [12 * MINUTE, 'inquiry', 'general'],
    [14 * MINUTE, 'problem', 'general'],
    [40 * MINUTE, 'problem', 'urgent'],
    [100 * MINUTE, 'problem', 'urgent'],
    [3 * HOUR, 'problem', 'complex'],
    [20 * HOUR, 'problem', 'general'],
  ];
  for (const [ago, kind, priority] of fresh) {
    const createdAt = now - ago;
    const answered = ago > 15 * MINUTE && ago !== 40 * MINUTE;
    out.push({
      customer: r.weighted(customers),
      kind,
      priority,
      channel: 'phone',
      subject: r.pick(SUBJECTS[kind]!),
      createdAt: new Date(createdAt).toISOString(),
      externalId: `DEMO-${++n}`,
      events: answered
        ? [{ type: 'acknowledged', at: new Date(createdAt + 6 * MINUTE).toISOString() }]
        : [],
    });
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
