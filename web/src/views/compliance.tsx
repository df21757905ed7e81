import { useState } from 'preact/hooks';
import { api, type Compliance } from '../api';
import { Failure, Pill, Section } from '../components/bits';
import { MonthPicker } from '../components/month-picker';
import { dateTime, value } from '../format';
import { loc, t } from '../i18n';
import { monthNow } from '../month';
import { useData } from '../use-data';
import { CreditStatementTable, useCredits } from './credits';

const colour = (s: string) =>
  (s === 'met' ? 'green' : s === 'breached' ? 'red' : 'grey') as 'green' | 'red' | 'grey';

/** A customer's own page: its commitments this month, the breaches behind them, and its credits. */
export function ComplianceView() {
  const [month, setMonth] = useState(monthNow());
  const { data, error } = useData(() => api<Compliance>(`/compliance?month=${month}`), [month]);
  const credits = useCredits(month);
  if (error) return <Failure error={error} />;
  if (!data) return <p class="loading">{t('loading')}</p>;
  const breaches = data.commitments.flatMap((c) =>
    c.evidence.map((e) => ({ ...e, commitment: c.commitment })),
  );
  return (
    <>
      <Section
        title={`${t('yourCompliance')}${data.customer ? ` · ${data.customer}` : ''}`}
        actions={<MonthPicker month={month} onChange={setMonth} />}
      >
        <table class="grid" data-testid="compliance">
          <thead>
            <tr>
              <th>{t('commitment')}</th>
              <th>{t('target')}</th>
              <th class="num">{t('value')}</th>
              <th>{t('state')}</th>
              <th class="num">{t('breaches')}</th>
            </tr>
          </thead>
          <tbody>
            {data.commitments.map((c) => (
              <tr data-commitment={c.commitment} data-status={c.status}>
                <td>
                  <b>{c.commitment}</b> {loc(c.name)}
                </td>
                <td>{c.target}</td>
                <td class="num">{value(c.value, c.unit)}</td>
                <td>
                  <Pill health={colour(c.status)} label={t(c.status)} />
                </td>
                <td class="num">
                  {c.breaches}
                  {c.cancelled > 0 ? (
                    <div class="note" data-cancelled={c.cancelled}>
                      {c.cancelled} {t('cancelledClocks')}
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={t('evidence')}>
        <table class="grid" data-testid="breaches">
          <tbody>
            {breaches.map((b) => (
              <tr data-ticket={b.ticket} data-customer={b.customer}>
                <td>{b.commitment}</td>
                <td>#{b.ticket}</td>
                <td>{b.customer}</td>
                <td>{dateTime(b.dueAt)}</td>
                <td>{dateTime(b.breachedAt)}</td>
                <td>{b.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={t('credits')}>
        {credits.data ? (
          <CreditStatementTable statement={credits.data} />
        ) : credits.error ? (
          <Failure error={credits.error} />
        ) : (
          <p class="loading">{t('loading')}</p>
        )}
      </Section>
    </>
  );
}
