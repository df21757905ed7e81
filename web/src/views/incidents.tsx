import { optional } from '../api';
import { Empty, Failure, Section } from '../components/bits';
import { dateTime } from '../format';
import { t } from '../i18n';
import { useData } from '../use-data';

interface Incident {
  id: string | number;
  service?: string;
  title?: string;
  state?: string;
  startedAt?: string;
  resolvedAt?: string | null;
  timeline?: Array<{ at: string; type: string; note?: string }>;
}

/** Incidents with their timelines, from the availability stage's API when it is installed. */
export function IncidentsView() {
  const { data, error } = useData(
    () => optional<{ incidents: Incident[] }>('/incidents'),
    [],
    30_000,
  );
  if (error) return <Failure error={error} />;
  return (
    <Section title={t('incidents')}>
      {data === undefined ? (
        <p class="loading">{t('loading')}</p>
      ) : data === null ? (
        <p class="empty" data-testid="pending">
          {t('pendingIncidents')}
        </p>
      ) : data.incidents.length === 0 ? (
        <Empty message="empty" />
      ) : (
        <ul class="timeline">
          {data.incidents.map((i) => (
            <li data-incident={i.id}>
              <b>{i.title ?? i.id}</b>{' '}
              <span class="meta">
                {i.service} · {i.state} · {dateTime(i.startedAt ?? null)} –{' '}
                {dateTime(i.resolvedAt ?? null)}
              </span>
              <ol>
                {(i.timeline ?? []).map((e) => (
                  <li>
                    <span class="meta">{dateTime(e.at)}</span> {e.type} {e.note}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

interface Monitor {
  id: string;
  service?: string;
  location?: string;
  state?: string;
  uptimePercent?: number | null;
}

/** Monitors per service and location, from the availability stage's API when it is installed. */
export function MonitorsView() {
  const { data, error } = useData(() => optional<{ monitors: Monitor[] }>('/monitors'), [], 30_000);
  if (error) return <Failure error={error} />;
  if (data === undefined) return <p class="loading">{t('loading')}</p>;
  if (data === null)
    return (
      <Section title={t('monitors')}>
        <p class="empty" data-testid="pending">
          {t('pendingMonitors')}
        </p>
      </Section>
    );
  const byService = new Map<string, Monitor[]>();
  for (const m of data.monitors)
    byService.set(m.service ?? '—', [...(byService.get(m.service ?? '—') ?? []), m]);
  return (
    <Section title={t('monitors')}>
      {[...byService].map(([service, ms]) => (
        <div class="service">
          <h3>{service}</h3>
          <table class="grid">
            <tbody>
              {ms.map((m) => (
                <tr>
                  <td>{m.id}</td>
                  <td>{m.location}</td>
                  <td>
                    <span
                      class={`pill ${m.state === 'up' ? 'green' : m.state === 'down' ? 'red' : 'grey'}`}
                    >
                      {m.state}
                    </span>
                  </td>
                  <td class="num">{m.uptimePercent ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </Section>
  );
}
