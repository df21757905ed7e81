import { useState } from 'preact/hooks';
import { api, type Clock, type Ticket, type TicketList } from '../api';
import { Empty, Failure, Section } from '../components/bits';
import { dateTime, duration, now } from '../format';
import { loc, t } from '../i18n';
import { useData } from '../use-data';
import { TicketHistory } from './ticket-history';

/** Expedited first (once the consequences stage flags them), then breached, then the API's queue order. */
export function queueOrder(tickets: Ticket[]): Ticket[] {
  return tickets
    .map((ticket, i) => ({ ticket, i }))
    .sort(
      (a, b) =>
        Number(!!b.ticket.expedited) - Number(!!a.ticket.expedited) ||
        Number(b.ticket.breached) - Number(a.ticket.breached) ||
        a.i - b.i,
    )
    .map((x) => x.ticket);
}

function ClockBadge({ c }: { c: Clock }) {
  const tick = now.value;
  let text: string;
  if (c.state === 'paused') text = `${t('paused')} · ${duration(c.remainingMs)} ${t('left')}`;
  else if (c.state === 'met') text = t('met');
  else if (c.state === 'cancelled') text = t('cancelled');
  else if (c.state === 'breached' || (c.dueAt && Date.parse(c.dueAt) <= tick))
    text = `${t('overdue')} ${duration(tick - Date.parse(c.breachedAt ?? c.dueAt!))}`;
  else text = `${duration(Date.parse(c.dueAt!) - tick)} ${t('left')}`;
  // A clock still counting whose deadline passed since the page loaded shows as breached.
  const state =
    (c.state === 'running' || c.state === 'warning') && c.dueAt && Date.parse(c.dueAt) <= tick
      ? 'breached'
      : c.state;
  return (
    <span
      class={`clock ${state}`}
      data-clock={c.commitment}
      data-state={state}
      title={`${loc(c.name)} · ${c.target} · ${t('due')} ${dateTime(c.dueAt)}`}
    >
      <b>{c.commitment}</b> {text}
    </span>
  );
}

/** The queue with live SLA clocks: counting down, paused, warning, breached; expedited and breached first. */
export function TicketsView() {
  const [filter, setFilter] = useState<'active' | 'all'>('active');
  const [shown, setShown] = useState<number | null>(null);
  const { data, error } = useData(
    () =>
      api<TicketList>(
        `/tickets?order=${filter === 'active' ? 'queue' : 'newest'}&limit=200${filter === 'active' ? '&status=active' : ''}`,
      ),
    [filter],
    30_000,
  );
  if (error) return <Failure error={error} />;
  return (
    <Section
      title={`${t('tickets')}${data ? ` (${data.total})` : ''}`}
      actions={
        <span class="tabs">
          <button class={filter === 'active' ? 'on' : ''} onClick={() => setFilter('active')}>
            {t('activeOnly')}
          </button>
          <button class={filter === 'all' ? 'on' : ''} onClick={() => setFilter('all')}>
            {t('all')}
          </button>
        </span>
      }
    >
      {!data ? (
        <p class="loading">{t('loading')}</p>
      ) : data.tickets.length === 0 ? (
        <Empty message="empty" />
      ) : (
        <table class="grid" data-testid="tickets">
          <thead>
            <tr>
              <th>{t('ticket')}</th>
              <th>{t('customer')}</th>
              <th>{t('subject')}</th>
              <th>{t('kind')}</th>
              <th>{t('created')}</th>
              <th>{t('clocks')}</th>
            </tr>
          </thead>
          <tbody>
            {queueOrder(data.tickets).map((x) => [
              <tr
                data-ticket={x.id}
                data-breached={String(x.breached)}
                class={x.breached ? 'breached' : ''}
              >
                <td>
                  <button
                    class="link"
                    data-open={x.id}
                    aria-expanded={shown === x.id}
                    title={t('history')}
                    onClick={() => setShown(shown === x.id ? null : x.id)}
                  >
                    {shown === x.id ? '▾' : '▸'} #{x.id}
                  </button>{' '}
                  {x.expedited ? <span class="pill red">{t('expedited')}</span> : null}
                </td>
                <td>{x.customer}</td>
                <td>{x.subject}</td>
                <td>
                  {x.kind} · {x.priority}
                </td>
                <td class="nowrap">{dateTime(x.createdAt)}</td>
                <td class="clocks">
                  {x.clocks
                    .filter(
                      (c) => (c.state !== 'met' && c.state !== 'cancelled') || filter === 'all',
                    )
                    .map((c) => (
                      <ClockBadge c={c} />
                    ))}
                </td>
              </tr>,
              shown === x.id ? (
                <tr class="detail" data-detail={x.id}>
                  <td colSpan={6}>
                    <TicketHistory id={x.id} />
                  </td>
                </tr>
              ) : null,
            ])}
          </tbody>
        </table>
      )}
    </Section>
  );
}
