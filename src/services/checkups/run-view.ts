import { toIso } from '../../domain/time.js';
import type { CheckupRun } from '../store/index.js';

export function runView(r: CheckupRun) {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    status: r.status,
    source: r.source,
    scheduledAt: r.scheduledAt === null ? null : toIso(r.scheduledAt),
    startedAt: toIso(r.startedAt),
    finishedAt: toIso(r.finishedAt),
    report: r.report,
  };
}
