import type { FeedbackModel } from '../../../models/feedback.js';
import { html, type Html } from '../h.js';
import type { RenderContext } from '../document.js';

export function feedbackSection(c: RenderContext, f: FeedbackModel): Html {
  const kinds = Object.entries(f.byKind);
  const channels = Object.entries(f.byChannel);
  return html`<div class="cards">
      <div class="card">${c.s.customerFeedback}<b>${f.total}</b></div>
      <div class="card">${c.s.averageRating}<b>${f.averageRating ?? '—'}</b></div>
      <div class="card">
        ${c.s.suggestions}<b
          >${f.suggestions.adopted} /
          ${f.suggestions.adopted + f.suggestions.rejected + f.suggestions.pending}</b
        >${c.s.adopted}
      </div>
      <div class="card">${c.s.complaints}<b>${f.complaints.length}</b></div>
    </div>
    <table>
      <thead>
        <tr>
          <th>${c.s.byKind}</th>
          <th class="num">${c.s.count}</th>
          <th>${c.s.byChannel}</th>
          <th class="num">${c.s.count}</th>
        </tr>
      </thead>
      <tbody>
        ${Array.from(
          { length: Math.max(kinds.length, channels.length) },
          (_, i) =>
            html`<tr>
              <td>${kinds[i]?.[0] ?? ''}</td>
              <td class="num">${kinds[i]?.[1] ?? ''}</td>
              <td>${channels[i]?.[0] ?? ''}</td>
              <td class="num">${channels[i]?.[1] ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p>${c.s.ratings}: ${f.ratings.map((n, i) => html`${i + 1}★ ${n}${i < 4 ? ' · ' : ''}`)}</p>
    <p>
      ${c.s.suggestions}: ${c.s.adopted} ${f.suggestions.adopted}, ${c.s.rejected}
      ${f.suggestions.rejected}, ${c.s.pending}
      ${f.suggestions.pending}${f.suggestions.adoptionRate === null ? '' : ` (${f.suggestions.adoptionRate} %)`}
    </p>
    ${f.handledInTime.length > 0 ? html`<p>${f.handledInTime.map((h) => html`${h.commitment}: ${h.met}/${h.total} · `)}</p>` : ''}
    ${
      f.complaints.length > 0
        ? html`<h3>${c.s.complaints}</h3>
            <table>
              <tbody>
                ${f.complaints.map(
                  (x) =>
                    html`<tr>
                      <td>#${x.ticket}</td>
                      <td>${x.customer}</td>
                      <td>${x.subject}</td>
                      <td>${x.status}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }`;
}
