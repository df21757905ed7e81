import type { ImprovementFacts } from '../../../facts.js';
import { html, type Html } from '../h.js';
import type { RenderContext } from '../document.js';

export function improvementsSection(
  c: RenderContext,
  items: readonly ImprovementFacts[],
  options: { reviews?: boolean } = {},
): Html {
  if (items.length === 0) return html`<p class="note">${c.s.noImprovements}</p>`;
  const effect = (e: string) => (c.s as Record<string, string>)[e] ?? e;
  return html`<table>
    <thead>
      <tr>
        <th>#</th>
        <th>${c.s.title}</th>
        <th>${c.s.owner}</th>
        <th>${c.s.due}</th>
        <th>${c.s.status}</th>
        <th>${c.s.links}</th>
        ${options.reviews ? html`<th>${c.s.review}</th>` : ''}
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (i) =>
          html`<tr>
            <td>${i.id}</td>
            <td>
              <b>${i.title}</b
              >${i.description ? html`<br /><span class="meta">${i.description}</span>` : ''}
            </td>
            <td>${i.owner}</td>
            <td>
              ${i.dueDate}${i.overdue ? html` <span class="pill red">${c.s.overdue}</span>` : ''}
            </td>
            <td>${effect(i.status)}</td>
            <td>
              ${i.links.map((l) => `${l.commitment}${l.ticket ? ` #${l.ticket}` : ''}${l.signal ? ` signal ${l.signal}` : ''}`).join(', ') || '—'}
            </td>
            ${
              options.reviews
                ? html`<td>
                    ${i.reviews.length === 0 ? c.s.notReviewed : i.reviews.map((r) => html`${r.quarter}: ${effect(r.effect)}${r.note ? ` — ${r.note}` : ''}<br />`)}
                  </td>`
                : ''
            }
          </tr>`,
      )}
    </tbody>
  </table>`;
}
