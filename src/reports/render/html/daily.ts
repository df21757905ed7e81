import type { DailyReport } from '../../models/daily.js';
import { barChart } from '../charts.js';
import { html } from './h.js';
import { chart, commitmentTable, evidenceTable } from './parts.js';
import { documentHtml, type RenderContext } from './document.js';
import { feedbackSection } from './sections/feedback.js';
import { availabilitySection, signalsSection } from './sections/availability-and-signals.js';

export async function dailyHtml(c: RenderContext, m: DailyReport): Promise<string> {
  const kinds = Object.entries(m.handling.byKind);
  const h = m.handling;
  const body = html` <section>
      <h2>${c.s.systemStatus}</h2>
      ${availabilitySection(c, m.system.availability)}
      <h3>${c.s.signals}</h3>
      ${signalsSection(c, m.system.signals)}
    </section>
    <section>
      <h2>${c.s.problemHandling}</h2>
      <div class="cards">
        <div class="card">${c.s.ticketsCreated}<b>${h.created}</b></div>
        <div class="card">${c.s.ticketsResolved}<b>${h.resolved}</b></div>
        <div class="card">${c.s.openAtEnd}<b>${h.openAtEnd}</b></div>
        <div class="card">${c.s.breachedOpen}<b>${h.breachedOpen}</b></div>
      </div>
      ${
        kinds.length > 0
          ? chart(
              await barChart(
                kinds.map(([k]) => k),
                [{ name: c.s.ticketsCreated, data: kinds.map(([, n]) => n) }],
                { height: 160 },
              ),
            )
          : ''
      }
      <h3>${c.s.evidence}</h3>
      ${evidenceTable(c, h.breaches)}
    </section>
    <section>
      <h2>${c.s.customerFeedback}</h2>
      ${feedbackSection(c, m.feedback)}
    </section>
    <section class="page">
      <h2>${c.s.commitments}</h2>
      ${commitmentTable(c, m.commitments)}
    </section>`;
  return documentHtml(c, c.s.daily, m.header, body);
}
