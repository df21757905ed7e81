import type { AssessmentItem, AssessmentModel } from '../../../models/assessments.js';
import { html, type Html } from '../h.js';
import type { RenderContext } from '../document.js';

const PILL: Record<string, string> = { pass: 'green', pass_with_findings: 'amber', fail: 'red' };

/** The quarter's third-party assessment(s), or a plain statement that none is recorded. */
export function assessmentSection(c: RenderContext, m: AssessmentModel): Html {
  if (m.items.length === 0)
    return html`<p class="note" data-assessment="none">
      ${c.s.noAssessment.replace('{period}', m.period)}
    </p>`;
  return html`${m.items.map((a) => item(c, a))}`;
}

function item(c: RenderContext, a: AssessmentItem): Html {
  const word = (key: string) => (c.s as Record<string, string>)[key] ?? key;
  return html`<div data-assessment="${a.id}">
    <table>
      <tbody>
        <tr>
          <th>${c.s.verdict}</th>
          <td>
            <span class="pill ${PILL[a.verdict] ?? 'grey'}">${word(`verdict_${a.verdict}`)}</span>
          </td>
        </tr>
        <tr>
          <th>${c.s.assessor}</th>
          <td>${a.assessor}</td>
        </tr>
        <tr>
          <th>${c.s.organisation}</th>
          <td>${a.organisation}</td>
        </tr>
        <tr>
          <th>${c.s.assessedOn}</th>
          <td>${a.date}</td>
        </tr>
        <tr>
          <th>${c.s.scope}</th>
          <td>${a.scope}</td>
        </tr>
      </tbody>
    </table>
    <h3>${c.s.findings}</h3>
    <table>
      <thead>
        <tr>
          ${a.bySeverity.map((b) => html`<th class="num">${word(`severity_${b.severity}`)}</th>`)}
        </tr>
      </thead>
      <tbody>
        <tr>
          ${a.bySeverity.map(
            (b) => html`<td class="num" data-severity="${b.severity}">${b.count}</td>`,
          )}
        </tr>
      </tbody>
    </table>
    ${
      a.findings === null
        ? html`<p class="note">${c.s.findingsCounted}</p>`
        : a.findings.length === 0
          ? html`<p class="note">${c.s.noFindings}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>${c.s.severity}</th>
                  <th>${c.s.finding}</th>
                </tr>
              </thead>
              <tbody>
                ${a.findings.map(
                  (f) =>
                    html`<tr>
                      <td>${word(`severity_${f.severity}`)}</td>
                      <td>
                        <b>${f.title}</b
                        >${f.detail ? html`<br /><span class="meta">${f.detail}</span>` : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
    }
  </div>`;
}
