import { useState } from 'preact/hooks';
import { api, type CreditStatement } from '../api';
import { Empty, Failure, Section } from '../components/bits';
import { MonthPicker } from '../components/month-picker';
import { dateTime, money } from '../format';
import { t } from '../i18n';
import { monthNow } from '../month';
import { useData } from '../use-data';

/** The credit ledger's statement for a month: per customer its total, then every line with its evidence. */
export function CreditStatementTable({ statement }: { statement: CreditStatement }) {
  const owed = statement.customers.filter((c) => c.lines.length > 0);
  return (
    <>
      <table class="grid" data-testid="credits" data-month={statement.month}>
        <thead>
          <tr>
            <th>{t('customer')}</th>
            <th>{t('currency')}</th>
            <th class="num">{t('monthlyFee')}</th>
            <th class="num">{t('cap')}</th>
            <th class="num">{t('lines')}</th>
            <th class="num">{t('total')}</th>
          </tr>
        </thead>
        <tbody>
          {statement.customers.map((c) => (
            <tr data-customer={c.customer} data-total={c.total}>
              <td>
                {c.name} <span class="meta">{c.customer}</span>
              </td>
              <td>{c.currency}</td>
              <td class="num">{money(c.monthlyFee, c.currency)}</td>
              <td class="num">{money(c.cap, c.currency)}</td>
              <td class="num">{c.lines.length}</td>
              <td class="num">
                <b>{money(c.total, c.currency)}</b>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('evidence')}</h3>
      {owed.length === 0 ? (
        <Empty message="noCredits" />
      ) : (
        <table class="grid" data-testid="credit-lines">
          <thead>
            <tr>
              <th>{t('customer')}</th>
              <th>{t('commitment')}</th>
              <th>{t('ticket')}</th>
              <th>{t('due')}</th>
              <th>{t('breachedAt')}</th>
              <th>{t('stoppedAt')}</th>
              <th class="num">{t('percentOfFee')}</th>
              <th class="num">{t('amount')}</th>
            </tr>
          </thead>
          <tbody>
            {owed.flatMap((c) =>
              c.lines.map((l) => (
                <tr data-customer={c.customer} data-ticket={l.ticket ?? ''} data-amount={l.amount}>
                  <td>{c.customer}</td>
                  <td>
                    <b>{l.commitment}</b>
                  </td>
                  <td>
                    {l.ticket !== null
                      ? `#${l.ticket}`
                      : l.kind === 'uptime'
                        ? `${l.uptimePercent ?? '—'} %`
                        : (l.incident ?? '—')}
                  </td>
                  <td>{dateTime(l.dueAt)}</td>
                  <td>{dateTime(l.breachedAt)}</td>
                  <td>{dateTime(l.stoppedAt)}</td>
                  <td class="num">{l.percentOfMonthlyFee}</td>
                  <td class="num">
                    {money(l.amount, c.currency)}
                    {l.capped ? <div class="meta">{l.capped}</div> : null}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      <p class="meta" data-testid="rounding">
        {t('rounding')}: {statement.rounding}
      </p>
    </>
  );
}

export function useCredits(month: string) {
  return useData(() => api<CreditStatement>(`/credits?month=${month}`), [month]);
}

/** Credits per customer for a month, from the credit ledger. */
export function CreditsView() {
  const [month, setMonth] = useState(monthNow());
  const { data, error } = useCredits(month);
  return (
    <Section title={t('credits')} actions={<MonthPicker month={month} onChange={setMonth} />}>
      {error ? (
        <Failure error={error} />
      ) : data ? (
        <CreditStatementTable statement={data} />
      ) : (
        <p class="loading">{t('loading')}</p>
      )}
    </Section>
  );
}
