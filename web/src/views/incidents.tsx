import { optional, type IncidentList } from '../api';
import { Empty, Failure, Section } from '../components/bits';
import { dateTime } from '../format';
import { t } from '../i18n';
import { useData } from '../use-data';

/** Incidents with their timelines, from the availability stage's API when it is installed. */
export function IncidentsView() {
  const { data, error } = useData(() => optional<IncidentList>('/incidents'), [], 30_000);
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
              <b>{i.title}</b>{' '}
              <span class="meta">
                {i.service} · {i.state} · {dateTime(i.detectedAt)} – {dateTime(i.resolvedAt)}
              </span>
              <ol>
                {i.timeline.map((e) => (
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
