import type { Language } from '../../../domain/localized.js';
import { formatDateTime, formatMoney, formatMs, formatPercent, formatValue } from '../../format.js';
import type { Strings } from '../../i18n.js';
import type { CommitmentRow, EvidenceRow, ReportHeader } from '../../models/common.js';
import type { CreditsModel } from '../../models/credits.js';
import type { FeedbackModel } from '../../models/feedback.js';
import type { MttrModel } from '../../models/mttr.js';
import type { ImprovementFacts } from '../../facts.js';
import { html, raw, type Html } from './h.js';

/** What every part of a report needs to print itself. */
export interface RenderContext {
  readonly lang: Language;
  readonly s: Strings;
  readonly zone: string;
  readonly currency: string;
}

const STYLE = `
  @page { size: A4; margin: 16mm 14mm 18mm 14mm; }
  * { box-sizing: border-box; }
  body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Noto Sans", "DejaVu Sans", sans-serif; color: #1d2330; font-size: 10.5pt; line-height: 1.4; margin: 0; }
  main { max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
  h1 { font-size: 20pt; margin: 0 0 2mm; }
  h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #ccd3de; padding-bottom: 1mm; }
  h3 { font-size: 11pt; margin: 4mm 0 1mm; }
  .meta { color: #556; font-size: 9.5pt; }
  table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 9.5pt; }
  th, td { text-align: left; padding: 1.2mm 1.6mm; border-bottom: 1px solid #e3e7ee; vertical-align: top; }
  th { background: #f3f5f9; font-weight: 600; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  tr { break-inside: avoid; }
  td:first-child { min-width: 45mm; }
  .pill { display: inline-block; padding: 0 2mm; border-radius: 3mm; font-size: 8.5pt; font-weight: 600; white-space: nowrap; }
  .green { background: #d8f1df; color: #17622f; } .amber { background: #fde9c4; color: #8a5300; }
  .red { background: #f9d3d0; color: #9b1c13; } .grey { background: #e8eaef; color: #555b66; }
  .better { color: #17622f; } .worse { color: #9b1c13; }
  .cards { display: flex; gap: 3mm; flex-wrap: wrap; margin: 2mm 0; }
  .card { border: 1px solid #dde2ea; border-radius: 2mm; padding: 2mm 3mm; min-width: 32mm; }
  .card b { display: block; font-size: 15pt; }
  .note { color: #556; font-style: italic; }
  .page { break-before: page; }
  .chart svg { max-width: 100%; height: auto; }
  .nowrap { white-space: nowrap; }
  code { font-size: 8.5pt; word-break: break-all; }
`;

export function documentHtml(c: RenderContext, title: string, h: ReportHeader, body: Html): string {
  const scope = h.customer ?? c.s.allCustomers;
  return `<!doctype html>${
    html`<html lang="${c.lang === 'zh' ? 'zh-CN' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <title>${title} ${h.period}</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <main>
          <header>
            <h1>${title}</h1>
            <div class="meta">
              ${h.policyName[c.lang]} · ${c.s.period}:
              <b>${h.period}</b> (${formatDateTime(h.from, c.zone, c.lang)} –
              ${formatDateTime(h.to, c.zone, c.lang)}, ${c.zone}) · ${c.s.customer}: ${scope} ·
              ${c.s.generated}: ${formatDateTime(h.generatedAt, c.zone, c.lang)}
            </div>
          </header>
          ${body}
        </main>
      </body>
    </html>`.text
  }`;
}

export const pill = (c: RenderContext, health: CommitmentRow['health']) =>
  html`<span class="pill ${health}">${c.s[health]}</span>`;
export const statusText = (c: RenderContext, status: CommitmentRow['status']) => c.s[status];
/** The colour of the health, the word of the status ("breached", "not measured yet"), or of the health when met ("at risk"). */
export const statusPill = (c: RenderContext, r: Pick<CommitmentRow, 'health' | 'status'>) =>
  html`<span class="pill ${r.health}">${r.status === 'met' ? c.s[r.health] : c.s[r.status]}</span>`;

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
            <td class="num">${r.sample}</td>
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

export function creditsSection(c: RenderContext, m: CreditsModel): Html {
  if (m.rows.length === 0) return html`<p class="note">${c.s.noCredits}</p>`;
  const lines = m.rows.flatMap((r) =>
    r.lines.map((l) => ({ ...l, customer: r.customer, currency: r.currency })),
  );
  return html`<p class="note">
      ${m.source === 'ledger' ? c.s.creditsLedger : c.s.creditsProjected}
    </p>
    <table data-testid="credit-totals">
      <thead>
        <tr>
          <th>${c.s.customer}</th>
          <th class="num">${c.s.breaches}</th>
          <th class="num">%</th>
          <th class="num">${c.s.amount}</th>
          <th>${c.s.ticket}</th>
        </tr>
      </thead>
      <tbody>
        ${m.rows.map(
          (r) =>
            html`<tr data-customer="${r.customer}">
              <td>${r.customerName} (${r.customer})</td>
              <td class="num">${r.breaches}</td>
              <td class="num">${r.percent}</td>
              <td class="num">${formatMoney(r.amount, r.currency, c.lang)}</td>
              <td>${r.tickets.map((t) => `#${t}`).join(' ')}</td>
            </tr>`,
        )}
        ${m.total.map(
          (t) =>
            html`<tr>
              <th colspan="3">Σ</th>
              <th class="num">${formatMoney(t.amount, t.currency, c.lang)}</th>
              <th></th>
            </tr>`,
        )}
      </tbody>
    </table>
    ${
      lines.length === 0
        ? ''
        : html`<h3>${c.s.creditLines}</h3>
            <table data-testid="credit-lines">
              <thead>
                <tr>
                  <th>${c.s.month}</th>
                  <th>${c.s.customer}</th>
                  <th>${c.s.commitment}</th>
                  <th>${c.s.ticket}</th>
                  <th>${c.s.dueAt}</th>
                  <th>${c.s.breachedAt}</th>
                  <th>${c.s.stoppedAt}</th>
                  <th class="num">${c.s.percentOfFee}</th>
                  <th class="num">${c.s.amount}</th>
                </tr>
              </thead>
              <tbody>
                ${lines.map(
                  (l) =>
                    html`<tr>
                      <td>${l.month}</td>
                      <td>${l.customer}</td>
                      <td>${l.commitment}</td>
                      <td>
                        ${l.ticket !== null ? `#${l.ticket}` : l.kind === 'uptime' ? `${c.s.uptime} ${l.uptimePercent ?? '—'} %` : (l.incident ?? '—')}
                      </td>
                      <td>${formatDateTime(l.dueAt, c.zone, c.lang)}</td>
                      <td>${formatDateTime(l.breachedAt, c.zone, c.lang)}</td>
                      <td>${formatDateTime(l.stoppedAt, c.zone, c.lang)}</td>
                      <td class="num">${l.percentOfMonthlyFee}</td>
                      <td class="num">
                        ${formatMoney(l.amount, l.currency, c.lang)}${l.capped ? html`<br /><span class="meta">${l.capped}</span>` : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
            <p class="note">${c.s.creditsRounding}</p>`
    }`;
}

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

export const chart = (svg: string) => html`<div class="chart">${raw(svg)}</div>`;

export const targetText = (r: Pick<CommitmentRow, 'target' | 'targetHours'>) =>
  r.targetHours ? `${r.target} (${r.targetHours})` : r.target;
