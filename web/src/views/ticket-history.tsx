import { api, type Ticket, type TicketEvent } from '../api';
import { Failure } from '../components/bits';
import { dateTime, duration } from '../format';
import { t } from '../i18n';
import { useData } from '../use-data';

/** Who recorded a write: the token's name, else its id; nothing for history from before Surety kept it. */
const recorder = (r: { id: string; name: string | null } | null | undefined) =>
  r ? (r.name ?? r.id) : t('unknownRecorder');

function LateMark({ e }: { e: TicketEvent }) {
  const after = duration(Date.parse(e.recordedAt) - Date.parse(e.at));
  return (
    <span class="pill amber late" data-late={e.seq} title={t('lateHelp').replace('{after}', after)}>
      {t('late')}
    </span>
  );
}

/** A ticket's history: every event, when it happened, and who recorded it when. */
export function TicketHistory({ id }: { id: number }) {
  const { data, error } = useData(() => api<Ticket>(`/tickets/${id}`), [id]);
  if (error) return <Failure error={error} />;
  if (!data) return <p class="loading">{t('loading')}</p>;
  return (
    <div class="history" data-testid="ticket-history" data-ticket={id}>
      <p class="meta">
        {t('openedBy')} <b data-testid="opened-by">{recorder(data.recordedBy)}</b> ·{' '}
        {dateTime(data.recordedAt ?? data.createdAt)}
      </p>
      {(data.events ?? []).length === 0 ? (
        <p class="empty">{t('noEvents')}</p>
      ) : (
        <table class="grid events">
          <thead>
            <tr>
              <th>{t('event')}</th>
              <th>{t('happenedAt')}</th>
              <th>{t('recordedAt')}</th>
              <th>{t('recordedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {(data.events ?? []).map((e) => (
              <tr data-seq={e.seq} class={e.late ? 'late' : ''}>
                <td>
                  {e.type}
                  {e.rating !== undefined ? ` (${e.rating}★)` : ''}
                  {e.actor ? <span class="meta"> · {e.actor}</span> : null}
                </td>
                <td class="nowrap">{dateTime(e.at)}</td>
                <td class="nowrap">
                  {dateTime(e.recordedAt)} {e.late ? <LateMark e={e} /> : null}
                </td>
                <td data-testid="recorded-by">{recorder(e.recordedBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
