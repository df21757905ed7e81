import type { LateEntryFacts } from '../../../facts.js';
import { formatDateTime, formatMs } from '../../../format.js';
import { html, type Html } from '../h.js';
import type { RenderContext } from '../document.js';

/**
 * "Late entries this month: N; M of them changed a clock's outcome", then each entry for staff.
 * A customer's report has the counts only (its facts carry no items).
 */
export function lateEntriesSection(
  c: RenderContext,
  m: LateEntryFacts,
  period: 'month' | 'quarter',
): Html {
  const label = period === 'month' ? c.s.lateThisMonth : c.s.lateThisQuarter;
  const colon = c.lang === 'zh' ? '：' : ': ';
  const unit = c.lang === 'zh' ? ' 条' : '';
  const semicolon = c.lang === 'zh' ? '；其中 ' : '; ';
  const summary = html`<p class="late-summary">
    ${label}${colon}<b>${m.count}</b>${unit}${semicolon}<b>${m.changedOutcome}</b>
    ${c.s.lateChanged}${c.lang === 'zh' ? '。' : '.'}
  </p>`;
  const note = html`<p class="note">
    ${c.s.lateNote.replace('{tolerance}', formatMs(m.toleranceMs, c.lang))}
  </p>`;
  if (m.items.length === 0)
    return html`${summary}${note}${m.count > 0 ? html`<p class="note">${c.s.lateListedForStaff}</p>` : ''}`;
  return html`${summary}${note}
    <table>
      <thead>
        <tr>
          <th>${c.s.ticket}</th>
          <th>${c.s.customer}</th>
          <th>${c.s.event}</th>
          <th>${c.s.eventAt}</th>
          <th>${c.s.recordedAt}</th>
          <th>${c.s.recordedBy}</th>
          <th>${c.s.outcomeChanged}</th>
        </tr>
      </thead>
      <tbody>
        ${m.items.map(
          (e) =>
            html`<tr data-late="${e.ticket}-${e.seq}">
              <td>#${e.ticket}</td>
              <td>${e.customer}</td>
              <td>${e.type}</td>
              <td class="nowrap">${formatDateTime(e.at, c.zone, c.lang)}</td>
              <td class="nowrap">${formatDateTime(e.recordedAt, c.zone, c.lang)}</td>
              <td>
                ${e.recordedBy ? (e.recordedBy.name ?? e.recordedBy.id) : c.s.unknownRecorder}
              </td>
              <td>
                ${e.changed.length > 0 ? html`<span class="pill red">${e.changed.join(', ')}</span>` : '—'}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
