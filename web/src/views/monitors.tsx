import { optional } from '../api';
import { Failure, Section } from '../components/bits';
import { t } from '../i18n';
import { useData } from '../use-data';

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
