import { formatDateTime, formatMoney } from '../../../format.js';
import type { CreditsModel } from '../../../models/credits.js';
import { html, type Html } from '../h.js';
import type { RenderContext } from '../document.js';

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
