import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { runsTable, when } from '../../formatters/availability.js';
import { coreCommand } from '../availability/core-action.js';

const api = () => import('../../../services/checkups/api.js');
const runLine = (r: {
  id: number;
  name: string;
  status: string;
  report: Record<string, unknown>;
}) => `run ${r.id} of ${r.name}: ${r.status} (${String(r.report.summary ?? '')})\n`;

export function healthChecksCommand(io: CliIo): Command {
  const list = coreCommand(
    io,
    new Command('list').description('health-check suites, their schedule and last report'),
    async (ctx) => (await api()).listHealthChecks({ ctx }),
    (r) =>
      runsTable(
        r.suites.map((s) => ({
          id: s.id,
          name: s.name,
          schedule: `${s.at.join(', ')} ${r.timezone}`,
          status: s.last?.status ?? 'never run',
          last: when(s.last?.startedAt),
          summary: String(s.last?.report.summary ?? ''),
        })),
      ),
  );
  const run = coreCommand(
    io,
    new Command('run').description('run a suite now and keep its report').argument('<suite>'),
    async (ctx, [suite]) => {
      const [{ createCheckers, storeLastPing }, { runHealthCheckNow }] = await Promise.all([
        import('../../../runtime/checkers.js'),
        api(),
      ]);
      const checkers = createCheckers(
        storeLastPing({
          heartbeat: (id) => ctx.store.heartbeats.get(id),
          since: async (id) => (await ctx.store.monitors.get(id))?.createdAt,
        }),
      );
      try {
        return await runHealthCheckNow({ ctx, checkers: checkers.checkers, input: { id: suite! } });
      } finally {
        await checkers.close();
      }
    },
    runLine,
  );
  return new Command('health-checks')
    .description('health-check suites (3× a day by default)')
    .addCommand(list)
    .addCommand(run);
}

export function stressTestsCommand(io: CliIo): Command {
  const list = coreCommand(
    io,
    new Command('list').description('stress tests: passed, failed, missed or never run'),
    async (ctx) => (await api()).listStressTests({ ctx }),
    (r) =>
      runsTable(
        r.stressTests.map((t) => ({
          id: t.id,
          name: t.name,
          schedule: `${t.every} (${t.mode})`,
          status: t.status,
          last: when(t.lastRun?.startedAt),
          summary: String(t.lastRun?.report.summary ?? ''),
        })),
      ),
  );
  const run = coreCommand(
    io,
    new Command('run')
      .description('run a stress test against its loopback target now')
      .argument('<id>'),
    async (ctx, [id]) => {
      const { loadRunner } = await import('../../../runtime/checkers.js');
      return (await api()).runStressTestNow({ ctx, runLoad: loadRunner(), input: { id: id! } });
    },
    runLine,
  );
  return new Command('stress-tests')
    .description('the weekly stress test')
    .addCommand(list)
    .addCommand(run);
}
