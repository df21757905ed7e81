import { optional, type Monitor, type MonitorList } from '../api';
import { Failure, Section } from '../components/bits';
import { dateTime } from '../format';
import { t } from '../i18n';
import { useData } from '../use-data';

/** Monitors per service and location, from the availability stage's API when it is installed. */
export function MonitorsView() {
  const { data, error } = useData(() => optional<MonitorList>('/monitors'), [], 30_000);
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
  for (const m of data.monitors) byService.set(m.service, [...(byService.get(m.service) ?? []), m]);
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
                  <td>{m.locations.map((l) => l.location).join(', ')}</td>
                  <td>
                    <span
                      class={`pill ${m.state === 'up' ? 'green' : m.state === 'down' ? 'red' : 'grey'}`}
                    >
                      {m.state}
                    </span>
                  </td>
                  <td class="meta">{dateTime(m.downSince)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </Section>
  );
}
