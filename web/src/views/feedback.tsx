import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, type TicketList } from '../api';
import { Failure, Section } from '../components/bits';
import { MonthPicker } from '../components/month-picker';
import { t } from '../i18n';
import { monthNow } from '../month';
import { useData } from '../use-data';

export interface MonthlyModel {
  feedback: {
    total: number;
    byKind: Record<string, number>;
    byChannel: Record<string, number>;
    ratings: number[];
    averageRating: number | null;
    suggestions: {
      adopted: number;
      rejected: number;
      pending: number;
      adoptionRate: number | null;
    };
    complaints: Array<{ ticket: number; customer: string; subject: string; status: string }>;
  };
}

function useMonthly(month: string) {
  return useData(() => api<MonthlyModel>(`/reports/monthly?date=${month}&format=json`), [month]);
}

function Counts({ title, counts }: { title: string; counts: Record<string, number> }) {
  return (
    <div class="card wide">
      <h3>{title}</h3>
      {Object.entries(counts).map(([k, n]) => (
        <div class="bar">
          <span>{k}</span>
          <i style={{ width: `${Math.min(100, n * 4)}px` }} /> {n}
        </div>
      ))}
    </div>
  );
}

/** Feedback and suggestions: what came in, where from, ratings, adoption, complaints. */
export function FeedbackView() {
  const [month, setMonth] = useState(monthNow());
  const { data, error } = useMonthly(month);
  const list = useData(() => api<TicketList>(`/tickets?kind=suggestion&order=newest&limit=50`), []);
  if (error) return <Failure error={error} />;
  let body: ComponentChildren = <p class="loading">{t('loading')}</p>;
  if (data) {
    const f = data.feedback;
    body = (
      <>
        <div class="cards">
          <div class="card">
            <b>{f.total}</b>
            {t('feedback')}
          </div>
          <div class="card">
            <b>{f.averageRating ?? '—'}</b>
            {t('averageRating')}
          </div>
          <div class="card">
            <b>{f.suggestions.adoptionRate === null ? '—' : `${f.suggestions.adoptionRate} %`}</b>
            {t('suggestions')}
          </div>
          <div class="card">
            <b>{f.complaints.length}</b>
            {t('complaints')}
          </div>
        </div>
        <div class="cards">
          <Counts title={t('kind')} counts={f.byKind} />
          <Counts title="Channel" counts={f.byChannel} />
          <Counts
            title={t('rating')}
            counts={Object.fromEntries(f.ratings.map((n, i) => [`${i + 1}★`, n]))}
          />
        </div>
        <h3>{t('suggestions')}</h3>
        <table class="grid" data-testid="suggestions">
          <tbody>
            {(list.data?.tickets ?? []).map((s) => (
              <tr>
                <td>#{s.id}</td>
                <td>{s.customer}</td>
                <td>{s.subject}</td>
                <td>{s.decision ?? '—'}</td>
                <td>{s.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  return (
    <Section title={t('feedback')} actions={<MonthPicker month={month} onChange={setMonth} />}>
      {body}
    </Section>
  );
}
