import type { Language } from '../../../domain/localized.js';
import { formatDateTime } from '../../format.js';
import type { Strings } from '../../i18n.js';
import type { ReportHeader } from '../../models/common.js';
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
          ${body} ${auditProof(c, h)}
        </main>
      </body>
    </html>`.text
  }`;
}

/** The head the report was made at, so the reader can hold Surety to it later. */
function auditProof(c: RenderContext, h: ReportHeader): Html {
  const a = h.audit;
  if (!a) return html``;
  if (a.seq === 0)
    return html`<section class="audit-proof">
      <h2>${c.s.auditProof}</h2>
      <p class="note">${c.s.auditEmpty}</p>
    </section>`;
  const head = `${a.seq}:${a.hash}`;
  return html`<section class="audit-proof">
    <h2>${c.s.auditProof}</h2>
    <p>${c.s.auditHeadIs}:</p>
    <table>
      <tbody>
        <tr>
          <th class="nowrap">${c.s.auditHead}</th>
          <td><code>${head}</code></td>
        </tr>
        <tr>
          <th class="nowrap">${c.s.auditSignature}</th>
          <td>
            ${
              a.signature
                ? html`${formatDateTime(a.signedAt ?? h.generatedAt, c.zone, c.lang)}, Ed25519:
                    <code>${a.signature}</code>`
                : c.s.auditUnsigned
            }
          </td>
        </tr>
        <tr>
          <th class="nowrap">${c.s.publicKey}</th>
          <td>
            ${a.keyId ? html`<code>${a.keyId}</code>` : html``}
            ${a.publicKey ? html`<pre><code>${a.publicKey}</code></pre>` : html``}
          </td>
        </tr>
      </tbody>
    </table>
    <p>${c.s.auditCheck} <code>surety audit verify --head ${head}</code></p>
  </section>`;
}
