import { Type } from 'typebox';
import { generateReport } from '../../services/reports/generate.js';
import { LANGUAGES } from '../../domain/localized.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
const ReportQuery = strictObject({
    date: Type.String({ description: 'a day (2026-10-05), ISO week (2026-W41), month (2026-10) or quarter (2026-Q4)' }),
    format: Type.Optional(oneOf(['html', 'pdf', 'json'], { description: 'html (default), pdf, or json (the report model)' })),
    lang: Type.Optional(oneOf(LANGUAGES)),
    customer: Type.Optional(Type.String({ minLength: 1 })),
});
/** The quality reports over HTTP, as the CLI makes them; a customer token gets its own. */
export function reportRoutes(api, contextFor, pdf) {
    api.get('/reports/:kind', {
        schema: {
            summary: 'A quality report: daily, weekly (trend), monthly (review) or quarterly (assessment)',
            tags: ['reports'],
            params: Type.Object({ kind: oneOf(['daily', 'weekly', 'monthly', 'quarterly']) }),
            querystring: ReportQuery,
        },
    }, async (request, reply) => {
        const report = await generateReport({ ctx: contextFor(request), input: { kind: request.params.kind, ...request.query }, pdf });
        reply.type(report.contentType);
        if (report.contentType === 'application/pdf')
            reply.header('content-disposition', `inline; filename="surety-${report.kind}-${report.period}.pdf"`);
        return report.body;
    });
}
//# sourceMappingURL=reports.js.map