import { useState } from 'preact/hooks';
import { Failure, Section } from '../components/bits';
import { t, type Lang } from '../i18n';
import { monthNow, serverNow } from '../month';

const KINDS = [
  ['daily', (m: string) => `${m}-01`],
  ['weekly', () => ''],
  ['monthly', (m: string) => m],
  ['quarterly', (m: string) => `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5)) / 3)}`],
] as const;

function isoWeek(d: Date): string {
  const t0 = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t0.getUTCDay() || 7;
  t0.setUTCDate(t0.getUTCDate() + 4 - day);
  const y = t0.getUTCFullYear();
  const week = Math.ceil(((t0.getTime() - Date.UTC(y, 0, 1)) / 86_400_000 + 1) / 7);
  return `${y}-W${String(week).padStart(2, '0')}`;
}

/** Links to the reports (HTML or PDF, either language), opened with the viewer's token. */
export function ReportsView() {
  const month = monthNow();
  const today = new Date(serverNow());
  const [dates, setDates] = useState<Record<string, string>>({
    daily: new Date(today.getTime() - 86_400_000).toLocaleDateString('en-CA'),
    weekly: isoWeek(new Date(today.getTime() - 7 * 86_400_000)),
    monthly: month,
    quarterly: KINDS[3][1](month),
  });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = async (kind: string, format: 'html' | 'pdf', lang: Lang) => {
    setBusy(kind);
    setError(null);
    try {
      const res = await fetch(
        `/api/v1/reports/${kind}?date=${encodeURIComponent(dates[kind]!)}&format=${format}&lang=${lang}`,
        { headers: { authorization: `Bearer ${sessionStorage.getItem('surety.token')}` } },
      );
      if (!res.ok) throw new Error((await res.json()).error?.message ?? res.statusText);
      window.open(URL.createObjectURL(await res.blob()), '_blank');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Section title={t('reports')}>
      {error ? <Failure error={error} /> : null}
      <table class="grid">
        <tbody>
          {KINDS.map(([kind]) => (
            <tr>
              <td>{t(kind)}</td>
              <td>
                <input
                  value={dates[kind]}
                  onInput={(e) =>
                    setDates({ ...dates, [kind]: (e.target as HTMLInputElement).value })
                  }
                />
              </td>
              <td>
                <button disabled={busy === kind} onClick={() => open(kind, 'html', 'en')}>
                  HTML
                </button>{' '}
                <button disabled={busy === kind} onClick={() => open(kind, 'html', 'zh')}>
                  HTML 中文
                </button>{' '}
                <button disabled={busy === kind} onClick={() => open(kind, 'pdf', 'en')}>
                  {t('pdf')}
                </button>{' '}
                <button disabled={busy === kind} onClick={() => open(kind, 'pdf', 'zh')}>
                  PDF 中文
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
