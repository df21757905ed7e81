import type { FastifyInstance } from 'fastify';
import { SYSTEM } from '../../services/context.js';
import { publicStatus, type StatusSource } from '../../services/views/status.js';
import { html } from '../../reports/render/html/h.js';
import type { ContextFor } from '../context-for.js';

const BAR = (p: number | null) =>
  p === null ? '#d5d9e0' : p >= 99.9 ? '#3aa35b' : p >= 99 ? '#e0a020' : '#d04030';

/** The public status page (no sign-in): JSON at /api/v1/status, HTML at /status. */
export function statusRoutes(app: FastifyInstance, contextFor: ContextFor, source?: StatusSource) {
  const ctx = () => contextFor({ caller: { ...SYSTEM, id: 'public' } });
  app.get(
    '/api/v1/status',
    {
      config: { public: true },
      schema: {
        summary: 'Public status per service group: state, incidents, maintenance, 90-day uptime',
        tags: ['status'],
        security: [],
      },
    },
    async () => publicStatus({ ctx: ctx(), source }),
  );
  app.get<{ Querystring: { lang?: string } }>(
    '/status',
    { config: { public: true }, schema: { hide: true } },
    async (request, reply) => {
      const s = await publicStatus({ ctx: ctx(), source });
      const zh = request.query.lang === 'zh';
      reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=30');
      return `<!doctype html>${
        html`<html lang="${zh ? 'zh-CN' : 'en'}">
          <head>
            <meta charset="utf-8" />
            <meta http-equiv="refresh" content="60" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>${zh ? '服务状态' : 'Status'} · ${s.name[zh ? 'zh' : 'en']}</title>
            <style>
              body {
                font-family: system-ui, 'WenQuanYi Zen Hei', sans-serif;
                max-width: 900px;
                margin: 24px auto;
                padding: 0 16px;
                color: #1d2330;
              }
              .g {
                border: 1px solid #e3e7ee;
                border-radius: 8px;
                padding: 12px 16px;
                margin: 12px 0;
              }
              .bars {
                display: flex;
                gap: 2px;
              }
              .bars i {
                flex: 1;
                height: 28px;
                border-radius: 2px;
              }
              .meta {
                color: #5a6272;
                font-size: 13px;
              }
            </style>
          </head>
          <body>
            <h1>${zh ? '服务状态' : 'Service status'}</h1>
            <p class="meta">
              ${s.name[zh ? 'zh' : 'en']} · ${s.generatedAt} ·
              <a href="?lang=${zh ? 'en' : 'zh'}">${zh ? 'English' : '中文'}</a>
            </p>
            ${!s.measured ? html`<p data-testid="status-pending">${zh ? '尚未配置可用性监控：服务组、故障和 90 天正常运行时间将在监控上报后显示。' : 'Availability monitoring is not configured yet: service groups, incidents and 90-day uptime appear here once monitors report.'}</p>` : ''}
            ${s.groups.map(
              (g) =>
                html`<section class="g" data-group="${g.id}">
                  <h2>${g.name} — ${g.state}</h2>
                  <div class="bars">
                    ${g.uptime90.map((d) => html`<i title="${d.day}: ${d.percent ?? '—'} %" style="background:${BAR(d.percent)}"></i>`)}
                  </div>
                  ${g.incidents.map(
                    (i) =>
                      html`<h3>${i.title} (${i.state})</h3>
                        <ul>
                          ${i.updates.map((u) => html`<li><span class="meta">${u.at}</span> ${u.text}</li>`)}
                        </ul>`,
                  )}
                  ${g.maintenance.map((m) => html`<p class="meta">${zh ? '计划维护' : 'Planned maintenance'}: ${m.title}, ${m.from} – ${m.to}</p>`)}
                </section>`,
            )}
          </body>
        </html>`.text
      }`;
    },
  );
}
