import type { WeeklyReport } from '../../models/weekly.js';
import type { EmergingProblem } from '../../models/emerging.js';
import { barChart, lineChart } from '../charts.js';
import { html } from './h.js';
import { chart, commitmentTable } from './parts.js';
import { documentHtml, type RenderContext } from './document.js';

export async function weeklyHtml(c: RenderContext, m: WeeklyReport): Promise<string> {
  const measured = m.commitments.filter((r) => m.trend.values[r.id]?.some((v) => v !== null));
  const percent = measured.filter((r) => r.unit === 'percent');
  const trend =
    percent.length > 0
      ? chart(
          await lineChart(
            m.trend.weeks,
            percent.map((r) => ({ name: r.id, data: m.trend.values[r.id]! })),
            { height: 260, yName: '%' },
          ),
        )
      : '';
  const volume = chart(
    await barChart(
      m.volume.map((v) => v.day.slice(5)),
      [{ name: c.s.ticketsCreated, data: m.volume.map((v) => v.count) }],
      { height: 160 },
    ),
  );
  const body = html` <section>
      <h2>${c.s.weekOverWeek} (${m.previousPeriod} → ${m.header.period})</h2>
      ${commitmentTable(c, m.commitments, { previous: true })}
    </section>
    <section>
      <h2>${c.s.emerging}</h2>
      ${
        m.emerging.length === 0
          ? html`<p class="note">${c.s.noEmerging}</p>`
          : html`<table>
              <tbody>
                ${m.emerging.map(
                  (e) =>
                    html`<tr>
                      <td>${label(c, e)}</td>
                      <td>${e.subject}</td>
                      <td class="num">${e.before ?? '—'} → ${e.now}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>
    <section class="page">
      <h2>${c.s.trend}</h2>
      ${trend}
      <h3>${c.s.ticketsCreated}</h3>
      ${volume}
    </section>`;
  return documentHtml(c, c.s.weekly, m.header, body);
}

const label = (c: RenderContext, e: EmergingProblem) => c.s[e.kind];
