import { api, type ImprovementList } from '../api';
import { Empty, Failure, Section } from '../components/bits';
import { t } from '../i18n';
import { useData } from '../use-data';

/** The improvement plan: items, owners, due dates, linked breaches, status and quarterly reviews. */
export function ImprovementsView() {
  const { data, error } = useData(() => api<ImprovementList>('/improvements'), []);
  if (error) return <Failure error={error} />;
  if (!data) return <p class="loading">{t('loading')}</p>;
  return (
    <Section title={t('improvements')}>
      {data.items.length === 0 ? (
        <Empty message="empty" />
      ) : (
        <table class="grid" data-testid="improvements">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('month')}</th>
              <th>{t('improvements')}</th>
              <th>{t('owner')}</th>
              <th>{t('dueDate')}</th>
              <th>{t('state')}</th>
              <th>{t('links')}</th>
              <th>{t('review')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((i) => (
              <tr>
                <td>{i.id}</td>
                <td>{i.month}</td>
                <td>{i.title}</td>
                <td>{i.owner}</td>
                <td class={i.overdue ? 'overdue' : ''}>{i.dueDate}</td>
                <td>{i.status}</td>
                <td class="meta">
                  {i.links
                    .map((l) => `${l.commitment}${l.ticket ? ` #${l.ticket}` : ''}`)
                    .join(', ')}
                </td>
                <td class="meta">{i.reviews.map((r) => `${r.quarter}: ${r.effect}`).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
