import { commitmentRows, header } from './common.js';
import { creditsModel } from './credits.js';
import { feedbackModel } from './feedback.js';
import { mttrModel } from './mttr.js';
export function monthlyReport(f) {
    const rows = commitmentRows(f);
    const breachedTickets = [...new Set(rows.flatMap((r) => r.evidence.map((e) => e.ticket)))].sort((a, b) => a - b);
    return {
        kind: 'monthly',
        header: header(f),
        summary: {
            met: rows.filter((r) => r.status === 'met').length,
            breached: rows.filter((r) => r.status === 'breached').length,
            unmeasured: rows.filter((r) => r.status === 'no_data' || r.status === 'not_measured').length,
            breachedTickets,
        },
        commitments: rows,
        availability: f.availability,
        mttr: mttrModel([...f.tickets, ...f.breachedTickets], f.availability),
        credits: creditsModel(f.compliance, f.commitments, f.customers, f.credits),
        feedback: feedbackModel(f.tickets),
        improvements: f.improvements,
    };
}
//# sourceMappingURL=monthly.js.map