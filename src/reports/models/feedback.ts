import type { TicketFacts } from '../facts.js';

/** The monthly analysis of customer feedback (guarantee §5): what came in, where from, how it was handled. */
export interface FeedbackModel {
  readonly total: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly byChannel: Readonly<Record<string, number>>;
  /** Ratings 1–5, how many of each. */
  readonly ratings: readonly number[];
  readonly averageRating: number | null;
  readonly suggestions: {
    readonly adopted: number;
    readonly rejected: number;
    readonly pending: number;
    readonly adoptionRate: number | null;
  };
  readonly complaints: ReadonlyArray<{
    ticket: number;
    customer: string;
    subject: string;
    status: string;
  }>;
  /** Share of feedback tickets acknowledged, classified and handled within their deadlines (C-01, F-02, F-03). */
  readonly handledInTime: ReadonlyArray<{ commitment: string; met: number; total: number }>;
}

const FEEDBACK_KINDS = new Set(['feedback', 'suggestion', 'complaint']);

export function feedbackModel(tickets: readonly TicketFacts[]): FeedbackModel {
  const feedback = tickets.filter((t) => FEEDBACK_KINDS.has(t.kind));
  const count = (key: (t: TicketFacts) => string) => {
    const out: Record<string, number> = {};
    for (const t of feedback) out[key(t)] = (out[key(t)] ?? 0) + 1;
    return out;
  };
  const ratings = [0, 0, 0, 0, 0];
  for (const t of tickets)
    if (t.rating !== null && t.rating >= 1 && t.rating <= 5) ratings[t.rating - 1]! += 1;
  const rated = ratings.reduce((a, b) => a + b, 0);
  const suggestions = tickets.filter((t) => t.kind === 'suggestion');
  const adopted = suggestions.filter((t) => t.decision === 'adopted').length;
  const rejected = suggestions.filter((t) => t.decision === 'rejected').length;
  const clocks = new Map<string, { met: number; total: number }>();
  for (const t of feedback) {
    for (const c of t.clocks) {
      if (c.state !== 'met' && c.state !== 'breached') continue;
      const s = clocks.get(c.commitment) ?? { met: 0, total: 0 };
      s.total += 1;
      if (c.state === 'met') s.met += 1;
      clocks.set(c.commitment, s);
    }
  }
  return {
    total: feedback.length,
    byKind: count((t) => t.kind),
    byChannel: count((t) => t.channel),
    ratings,
    averageRating:
      rated === 0
        ? null
        : Math.round((ratings.reduce((s, n, i) => s + n * (i + 1), 0) / rated) * 100) / 100,
    suggestions: {
      adopted,
      rejected,
      pending: suggestions.length - adopted - rejected,
      adoptionRate:
        adopted + rejected === 0
          ? null
          : Math.round((adopted / (adopted + rejected)) * 10000) / 100,
    },
    complaints: feedback
      .filter((t) => t.kind === 'complaint')
      .map((t) => ({ ticket: t.id, customer: t.customer, subject: t.subject, status: t.status })),
    handledInTime: [...clocks]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([commitment, s]) => ({ commitment, ...s })),
  };
}
