import { useState } from 'preact/hooks';
import { api, type AlertList } from '../api';
import { Empty, Failure, Section } from '../components/bits';
import { dateTime } from '../format';
import { t } from '../i18n';
import { useData } from '../use-data';

const SEVERITY: Record<string, 'red' | 'amber' | 'grey'> = {
  critical: 'red',
  error: 'red',
  warning: 'amber',
  info: 'grey',
};

/** Open alerts with where their escalation stands; staff acknowledge them here, which stops the climb. */
export function AlertsView() {
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [version, setVersion] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const { data, error } = useData(
    () => api<AlertList>(`/alerts?status=${status}&limit=200`),
    [status, version],
    30_000,
  );
  const acknowledge = async (id: number) => {
    try {
      await api(`/alerts/${id}/acknowledge`, { method: 'POST', body: JSON.stringify({}) });
      setFailure(null);
    } catch (err) {
      setFailure(err);
    }
    setVersion((v) => v + 1);
  };
  return (
    <Section
      title={`${t('alerts')}${data ? ` (${data.total})` : ''}`}
      actions={
        <span class="tabs">
          <button class={status === 'open' ? 'on' : ''} onClick={() => setStatus('open')}>
            {t('openAlerts')}
          </button>
          <button class={status === 'all' ? 'on' : ''} onClick={() => setStatus('all')}>
            {t('all')}
          </button>
        </span>
      }
    >
      {failure ? <Failure error={failure} /> : null}
      {error ? (
        <Failure error={error} />
      ) : !data ? (
        <p class="loading">{t('loading')}</p>
      ) : data.alerts.length === 0 ? (
        <Empty message="noAlerts" />
      ) : (
        <table class="grid" data-testid="alerts">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('severity')}</th>
              <th>{t('summary')}</th>
              <th>{t('customer')}</th>
              <th>{t('openedAt')}</th>
              <th>{t('level')}</th>
              <th>{t('nextEscalation')}</th>
              <th>{t('state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.alerts.map((a) => (
              <tr
                data-alert={a.id}
                data-status={a.status}
                data-level={a.level ?? ''}
                class={a.expedite ? 'breached' : ''}
              >
                <td>{a.id}</td>
                <td>
                  <span class={`pill ${SEVERITY[a.severity] ?? 'grey'}`}>{a.severity}</span>
                  {a.expedite ? <span class="meta"> {t('expedited')}</span> : null}
                </td>
                <td>
                  {a.summary}
                  <div class="meta">
                    {a.type}
                    {a.commitment ? ` · ${a.commitment}` : ''} · {a.subject.type} {a.subject.id}
                  </div>
                </td>
                <td>{a.customer ?? '—'}</td>
                <td>{dateTime(a.openedAt)}</td>
                <td data-testid="level">
                  {a.level === null
                    ? '—'
                    : `${a.levelName ?? a.level + 1} (${a.level + 1}/${a.levels ?? '?'})`}
                  <div class="meta">{a.escalation}</div>
                </td>
                <td>{dateTime(a.nextEscalationAt)}</td>
                <td>
                  {t(a.status)}
                  {a.acknowledgedBy ? <div class="meta">{a.acknowledgedBy}</div> : null}
                </td>
                <td>
                  {a.status === 'triggered' ? (
                    <button data-ack={a.id} onClick={() => void acknowledge(a.id)}>
                      {t('acknowledge')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
