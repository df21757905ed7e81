import { formatMs } from '../../../format.js';
import type { MttrModel } from '../../../models/mttr.js';
import { html, type Html } from '../h.js';
import type { RenderContext } from '../document.js';

export function mttrSection(c: RenderContext, m: MttrModel): Html {
  return html`<p>
      ${c.s.mttrIncidents}:
      <b>${m.incidentsMs === null ? c.s.not_measured : formatMs(m.incidentsMs, c.lang)}</b
      >${m.incidents > 0 ? ` (${m.incidents})` : ''}
    </p>
    <table>
      <thead>
        <tr>
          <th>${c.s.mttrTickets}</th>
          <th class="num">${c.s.value}</th>
          <th class="num">${c.s.count}</th>
        </tr>
      </thead>
      <tbody>
        ${m.ticketsByPriority.map(
          (p) =>
            html`<tr>
              <td>${c.s.priority}: ${p.priority}</td>
              <td class="num">${formatMs(p.meanMs, c.lang)}</td>
              <td class="num">${p.count}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
