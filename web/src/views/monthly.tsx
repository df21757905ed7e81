import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, optional } from '../api';
import { Empty, Failure, Section } from '../components/bits';
import { money } from '../format';
import { t } from '../i18n';
import { monthNow, shiftMonth } from '../month';
import { useData } from '../use-data';

interface CreditRow {
  customer: string;
  customerName: string;
  breaches: number;
  percent: number;
  amount: number;
  currency: string;
  tickets: number[];
}
export interface MonthlyModel {
  credits: { source: 'ledger' | 'projected'; rows: CreditRow[]; total: Array<{ currency: string; amount: number }> };
  feedback: {
    total: number;
    byKind: Record<string, number>;
    byChannel: Record<string, number>;
    ratings: number[];
    averageRating: number | null;
    suggestions: { adopted: number; rejected: number; pending: number; adoptionRate: number | null };
    complaints: Array<{ ticket: number; customer: string; subject: string; status: string }>;
  };
}

export function MonthPicker({ month, onChange }: { month: string; onChange: (m: string) => void }) {
  return (
    <span class="tabs">
      <button onClick={() => onChange(shiftMonth(month, -1))}>‹</button>
      <b class="month">{month}</b>
      <button onClick={() => onChange(shiftMonth(month, 1))}>›</button>
    </span>
  );
}

function useMonthly(month: string) {
  return useData(() => api<MonthlyModel>(`/reports/monthly?date=${month}&format=json`), [month]);
}

export function CreditsTable({ credits }: { credits: MonthlyModel['credits'] }) {
  if (credits.rows.length === 0) return <Empty message="empty" />;
  return (
    <>
      {credits.source === 'projected' ? <p class="meta">{t('pendingCredits')}</p> : null}
      <table class="grid" data-testid="credits">
        <thead><tr><th>{t('customer')}</th><th class="num">{t('breaches')}</th><th class="num">%</th><th class="num">{t('amount')}</th><th>{t('tickets')}</th></tr></thead>
        <tbody>
          {credits.rows.map((r) => (
            <tr data-customer={r.customer}><td>{r.customerName}</td><td class="num">{r.breaches}</td><td class="num">{r.percent}</td><td class="num">{money(r.amount, r.currency)}</td><td class="meta">{r.tickets.slice(0, 12).map((x) => `#${x}`).join(' ')}{r.tickets.length > 12 ? ' …' : ''}</td></tr>
          ))}
          {credits.total.map((x) => <tr><th colSpan={3}>Σ</th><th class="num">{money(x.amount, x.currency)}</th><th /></tr>)}
        </tbody>
      </table>
    </>
  );
}

/** Credits per customer for a month: the credit ledger when installed, else projected from breaches. */
export function CreditsView() {
  const [month, setMonth] = useState(monthNow());
  const ledger = useData(() => optional<{ credits: unknown[] }>(`/credits?month=${month}`), [month]);
  const { data, error } = useMonthly(month);
  if (error || ledger.error) return <Failure error={error ?? ledger.error} />;
  return <Section title={t('credits')} actions={<MonthPicker month={month} onChange={setMonth} />}>{data ? <CreditsTable credits={data.credits} /> : <p class="loading">{t('loading')}</p>}</Section>;
}

function Counts({ title, counts }: { title: string; counts: Record<string, number> }) {
  return (
    <div class="card wide">
      <h3>{title}</h3>
      {Object.entries(counts).map(([k, n]) => <div class="bar"><span>{k}</span><i style={{ width: `${Math.min(100, n * 4)}px` }} /> {n}</div>)}
    </div>
  );
}

/** Feedback and suggestions: what came in, where from, ratings, adoption, complaints. */
export function FeedbackView() {
  const [month, setMonth] = useState(monthNow());
  const { data, error } = useMonthly(month);
  const list = useData(() => api<{ tickets: Array<{ id: number; kind: string; subject: string; customer: string; status: string; decision: string | null; rating: number | null }> }>(`/tickets?kind=suggestion&order=newest&limit=50`), []);
  if (error) return <Failure error={error} />;
  let body: ComponentChildren = <p class="loading">{t('loading')}</p>;
  if (data) {
    const f = data.feedback;
    body = (
      <>
        <div class="cards">
          <div class="card"><b>{f.total}</b>{t('feedback')}</div>
          <div class="card"><b>{f.averageRating ?? '—'}</b>{t('averageRating')}</div>
          <div class="card"><b>{f.suggestions.adoptionRate === null ? '—' : `${f.suggestions.adoptionRate} %`}</b>{t('suggestions')}</div>
          <div class="card"><b>{f.complaints.length}</b>{t('complaints')}</div>
        </div>
        <div class="cards">
          <Counts title={t('kind')} counts={f.byKind} />
          <Counts title="Channel" counts={f.byChannel} />
          <Counts title={t('rating')} counts={Object.fromEntries(f.ratings.map((n, i) => [`${i + 1}★`, n]))} />
        </div>
        <h3>{t('suggestions')}</h3>
        <table class="grid" data-testid="suggestions">
          <tbody>{(list.data?.tickets ?? []).map((s) => <tr><td>#{s.id}</td><td>{s.customer}</td><td>{s.subject}</td><td>{s.decision ?? '—'}</td><td>{s.status}</td></tr>)}</tbody>
        </table>
      </>
    );
  }
  return <Section title={t('feedback')} actions={<MonthPicker month={month} onChange={setMonth} />}>{body}</Section>;
}
