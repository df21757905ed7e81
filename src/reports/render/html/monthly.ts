import type { MonthlyReport } from '../../models/monthly.js';
import { barChart } from '../charts.js';
import { html } from './h.js';
import { chart, commitmentTable, evidenceByCommitment } from './parts.js';
import { creditsSection } from './sections/credits.js';
import { documentHtml, type RenderContext } from './document.js';
import { feedbackSection } from './sections/feedback.js';
import { improvementsSection } from './sections/improvements.js';
import { lateEntriesSection } from './sections/late-entries.js';
import { mttrSection } from './sections/mttr.js';
import { availabilitySection } from './sections/availability-and-signals.js';

export async function monthlyHtml(c: RenderContext, m: MonthlyReport): Promise<string> {
  const ratings = chart(
    await barChart(
      ['1★', '2★', '3★', '4★', '5★'],
      [{ name: c.s.ratings, data: m.feedback.ratings }],
      { height: 150, width: 420 },
    ),
  );
  const body = html` <section>
      <h2>${c.s.summary}</h2>
      <div class="cards">
        <div class="card">${c.s.met}<b>${m.summary.met}</b></div>
        <div class="card">${c.s.breached}<b>${m.summary.breached}</b></div>
        <div class="card">${c.s.no_data}<b>${m.summary.unmeasured}</b></div>
        <div class="card">
          ${c.s.ticket} (${c.s.breached})<b>${m.summary.breachedTickets.length}</b>
        </div>
        ${
          m.summary.closedWithoutSolution > 0
            ? html`<div class="card">
                ${c.s.closedUnsolved}<b>${m.summary.closedWithoutSolution}</b>
              </div>`
            : ''
        }
      </div>
      <h2>${c.s.commitments}</h2>
      ${commitmentTable(c, m.commitments, { previous: true })}
    </section>
    <section class="page">
      <h2>${c.s.evidence}</h2>
      ${evidenceByCommitment(c, m.commitments)}
    </section>
    <section class="page">
      <h2>${c.s.systemStatus}</h2>
      ${availabilitySection(c, m.availability)}
      <h2>${c.s.mttr}</h2>
      ${mttrSection(c, m.mttr)}
      <h2>${c.s.credits}</h2>
      ${creditsSection(c, m.credits)}
    </section>
    <section class="page">
      <h2>${c.s.lateEntries}</h2>
      ${lateEntriesSection(c, m.lateEntries, 'month')}
    </section>
    <section class="page">
      <h2>${c.s.feedback}</h2>
      ${feedbackSection(c, m.feedback)}${ratings}
    </section>
    <section class="page">
      <h2>${c.s.improvementPlan}</h2>
      ${improvementsSection(c, m.improvements)}
    </section>`;
  return documentHtml(c, c.s.monthly, m.header, body);
}
