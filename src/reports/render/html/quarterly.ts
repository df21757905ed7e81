import { formatValue } from '../../format.js';
import type { QuarterlyReport } from '../../models/quarterly.js';
import { html } from './h.js';
import { cancelledNote, targetText, commitmentTable, evidenceByCommitment } from './parts.js';
import { creditsSection } from './sections/credits.js';
import { documentHtml, type RenderContext } from './document.js';
import { improvementsSection } from './sections/improvements.js';
import { lateEntriesSection } from './sections/late-entries.js';
import { assessmentSection } from './sections/assessment.js';
import { mttrSection } from './sections/mttr.js';

export async function quarterlyHtml(c: RenderContext, m: QuarterlyReport): Promise<string> {
  const body = html` <section>
      <h2>${c.s.quarterOverall}</h2>
      ${commitmentTable(c, m.commitments, { previous: true })}
      <h2>${c.s.assessment}</h2>
      ${assessmentSection(c, m.assessment)}
    </section>
    <section class="page">
      <h2>${c.s.months}</h2>
      <table>
        <thead>
          <tr>
            <th>${c.s.commitment}</th>
            <th>${c.s.target}</th>
            ${m.months.map((x) => html`<th class="num">${x.month}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${m.commitments.map(
            (r) =>
              html`<tr>
                <td><b>${r.id}</b> ${r.name[c.lang]}</td>
                <td class="nowrap">${targetText(r)}</td>
                ${m.months.map((x) => {
                  const v = x.values[r.id];
                  return html`<td class="num">
                    ${v ? html`${formatValue(v.value, r.unit, c.lang)}${v.status === 'breached' ? html` <span class="pill red">${v.breaches}</span>` : ''}${cancelledNote(c, v.cancelled)}` : '—'}
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>${c.s.mttr}</h2>
      ${mttrSection(c, m.mttr)}
      <h2>${c.s.credits}</h2>
      ${creditsSection(c, m.credits)}
      <h2>${c.s.lateEntries}</h2>
      ${lateEntriesSection(c, m.lateEntries, 'quarter')}
    </section>
    <section class="page">
      <h2>${c.s.improvementPlan}</h2>
      ${improvementsSection(c, m.improvements, { reviews: true })}
    </section>
    <section class="page">
      <h2>${c.s.evidence}</h2>
      ${evidenceByCommitment(c, m.commitments)}
    </section>
    <section class="page">
      <h2>${c.s.manifest}</h2>
      <p>${c.s.verify}</p>
      <table>
        <thead>
          <tr>
            <th>${c.s.file}</th>
            <th class="num">${c.s.rows}</th>
            <th>${c.s.sha256}</th>
          </tr>
        </thead>
        <tbody>
          ${m.files.map(
            (f) =>
              html`<tr>
                <td>${f.name}</td>
                <td class="num">${f.rows}</td>
                <td><code>${f.sha256}</code></td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  return documentHtml(c, c.s.quarterly, m.header, body);
}
