import { formatDateTime, formatPercent, formatValue } from '../../format.js';
import type { CommitmentRow, EvidenceRow } from '../../models/common.js';
import { html, raw, type Html } from './h.js';
import type { RenderContext } from './document.js';
export const pill = (c: RenderContext, health: CommitmentRow['health']) =>
  html`<span class="pill ${health}">${c.s[health]}</span>`;
export const statusText = (c: RenderContext, status: CommitmentRow['status']) => c.s[status];
/** The colour of the health, the word of the status ("breached", "not measured yet"), or of the health when met ("at risk"). */
export const statusPill = (c: RenderContext, r: Pick<CommitmentRow, 'health' | 'status'>) =>
  html`<span class="pill ${r.health}">${r.status === 'met' ? c.s[r.health] : c.s[r.status]}</span>`;

/** Clocks closed without a solution, beside the figure they are left out of: "3 closed without a solution". */
export const cancelledNote = (c: RenderContext, cancelled: number) =>
  cancelled > 0
    ? html`<div class="note" data-cancelled="${cancelled}">
        ${cancelled} ${c.s.closedWithoutSolution}
      </div>`
    : '';

export function commitmentTable(
  c: RenderContext,
  rows: readonly CommitmentRow[],
  options: { previous?: boolean } = {},
): Html {
  return html`<table>
    <thead>
      <tr>
        <th>${c.s.commitment}</th>
        <th>${c.s.target}</th>
        <th class="num">${c.s.value}</th>
        ${
          options.previous
            ? html`<th class="num">${c.s.previous}</th>
                <th>${c.s.change}</th>`
            : ''
        }
        <th>${c.s.status}</th>
        <th class="num">${c.s.budgetLeft}</th>
        <th class="num">${c.s.breaches}</th>
        <th class="num">${c.s.sample}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr data-commitment="${r.id}">
            <td><b>${r.id}</b> ${r.name[c.lang]}</td>
            <td class="nowrap">${targetText(r)}</td>
            <td class="num nowrap">${formatValue(r.value, r.unit, c.lang)}</td>
            ${
              options.previous
                ? html`<td class="num nowrap">${formatValue(r.previous, r.unit, c.lang)}</td>
                    <td class="${r.change ?? ''}">
                      ${r.change === null ? '—' : r.change === 'better' ? '▲' : r.change === 'worse' ? '▼' : '='}
                    </td>`
                : ''
            }
            <td>${statusPill(c, r)}</td>
            <td class="num">${formatPercent(r.budgetLeft)}</td>
            <td class="num">${r.breaches}</td>
            <td class="num">${r.sample}${cancelledNote(c, r.cancelled)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function evidenceTable(c: RenderContext, rows: readonly EvidenceRow[]): Html {
  if (rows.length === 0) return html`<p class="note">${c.s.noBreaches}</p>`;
  return html`<table>
    <thead>
      <tr>
        <th>${c.s.commitment}</th>
        <th>${c.s.ticket}</th>
        <th>${c.s.customer}</th>
        <th>${c.s.subject}</th>
        <th>${c.s.dueAt}</th>
        <th>${c.s.breachedAt}</th>
        <th>${c.s.reason}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (e) =>
          html`<tr>
            <td>${e.commitment}</td>
            <td>#${e.ticket}</td>
            <td>${e.customer}</td>
            <td>${e.subject ?? ''}</td>
            <td>${formatDateTime(e.dueAt, c.zone, c.lang)}</td>
            <td>${formatDateTime(e.breachedAt, c.zone, c.lang)}</td>
            <td>${e.reason ?? ''}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The evidence grouped under each breached commitment, with its target, for the monthly review. */
export function evidenceByCommitment(c: RenderContext, rows: readonly CommitmentRow[]): Html {
  const breached = rows.filter((r) => r.evidence.length > 0);
  if (breached.length === 0) return html`<p class="note">${c.s.noBreaches}</p>`;
  return html`${breached.map(
    (r) =>
      html`<h3>
          ${r.id} ${r.name[c.lang]} — ${c.s.target} ${targetText(r)}, ${c.s.value}
          ${formatValue(r.value, r.unit, c.lang)}
        </h3>
        ${evidenceTable(c, r.evidence)}`,
  )}`;
}

export const chart = (svg: string) => html`<div class="chart">${raw(svg)}</div>`;

export const targetText = (r: Pick<CommitmentRow, 'target' | 'targetHours'>) =>
  r.targetHours ? `${r.target} (${r.targetHours})` : r.target;
