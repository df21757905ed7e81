import { commitmentRows, header } from './common.js';
import { creditsModel } from './credits.js';
import { mttrModel } from './mttr.js';
export function quarterlyReport(f, files) {
    return {
        kind: 'quarterly',
        header: header(f),
        commitments: commitmentRows(f),
        months: f.series.map((s) => ({
            month: s.label,
            values: Object.fromEntries(s.compliance.commitments.map((e) => [e.commitment, { value: e.value, status: e.status, breaches: e.breaches }])),
        })),
        mttr: mttrModel([...f.tickets, ...f.breachedTickets], f.availability),
        credits: creditsModel(f.compliance, f.commitments, f.customers, f.credits),
        improvements: f.improvements,
        files,
    };
}
//# sourceMappingURL=quarterly.js.map