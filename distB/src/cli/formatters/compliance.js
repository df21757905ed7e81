import { formatDuration } from '../../domain/duration.js';
import { table } from './table.js';
const STATUS = { met: 'met', breached: 'BREACHED', no_data: 'no data', not_measured: 'not measured yet' };
export function complianceTable(r) {
    const rows = r.commitments.map((c) => [
        c.commitment,
        c.name.en,
        c.target,
        c.value === null ? '-' : c.unit === 'percent' ? `${c.value}%` : c.unit === 'duration' ? formatDuration(c.value) : String(c.value),
        STATUS[c.status],
        String(c.breaches),
        c.tickets.slice(0, 8).join(',') + (c.tickets.length > 8 ? ',…' : ''),
    ]);
    const head = `Compliance ${r.window.label} (${r.window.timezone})${r.customer ? ` for ${r.customer}` : ''}\n\n`;
    return head + table(['id', 'commitment', 'target', 'value', 'status', 'breaches', 'tickets'], rows);
}
//# sourceMappingURL=compliance.js.map