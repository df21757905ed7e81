import type { AvailabilityFacts, SignalFacts } from '../../../facts.js';
import { formatDateTime, formatMs } from '../../../format.js';
import { html, type Html } from '../h.js';
import type { RenderContext } from '../document.js';

export function availabilitySection(c: RenderContext, a: AvailabilityFacts | null): Html {
  if (a === null) return html`<p class="note">${c.s.availabilityPending}</p>`;
  return html`<table>
      <thead>
        <tr>
          <th>Service</th>
          <th class="num">Uptime</th>
          <th class="num">Downtime</th>
          <th class="num">Incidents</th>
        </tr>
      </thead>
      <tbody>
        ${a.services.map(
          (s) =>
            html`<tr>
              <td>${s.name}</td>
              <td class="num">${s.uptimePercent === null ? '—' : `${s.uptimePercent} %`}</td>
              <td class="num">${formatMs(s.downtimeMs, c.lang)}</td>
              <td class="num">${s.incidents}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${
      a.incidents.length > 0
        ? html`<table>
            <tbody>
              ${a.incidents.map(
                (i) =>
                  html`<tr>
                    <td>${i.id}</td>
                    <td>${i.service}</td>
                    <td>${i.title}</td>
                    <td>${formatDateTime(i.startedAt, c.zone, c.lang)}</td>
                    <td>${formatMs(i.durationMs, c.lang)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }`;
}

export function signalsSection(c: RenderContext, signals: readonly SignalFacts[]): Html {
  if (signals.length === 0) return html`<p class="note">${c.s.noSignals}</p>`;
  const shown = signals.slice(0, 200);
  return html`<table>
      <thead>
        <tr>
          <th>${c.s.breachedAt}</th>
          <th>Type</th>
          <th>${c.s.commitment}</th>
          <th>Subject</th>
          <th>${c.s.customer}</th>
        </tr>
      </thead>
      <tbody>
        ${shown.map(
          (x) =>
            html`<tr>
              <td>${formatDateTime(x.at, c.zone, c.lang)}</td>
              <td>${x.type}</td>
              <td>${x.commitment ?? ''}</td>
              <td>${x.subject.type} ${x.subject.type === 'ticket' ? '#' : ''}${x.subject.id}</td>
              <td>${x.customer ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${signals.length > shown.length ? html`<p class="note">… ${signals.length - shown.length}</p>` : ''}`;
}
