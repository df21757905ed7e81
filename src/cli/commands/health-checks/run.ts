import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { runLine } from '../../formatters/availability.js';
import { coreCommand } from '../../core-command.js';

/** `surety health-checks run SUITE`: with the server's own checkers, so a run here counts the same. */
export function healthChecksRunCommand(io: CliIo): Command {
  return coreCommand(
    io,
    new Command('run').description('run a suite now and keep its report').argument('<suite>'),
    async (ctx, [suite]) => {
      const [{ createCheckers, storeLastPing }, { runHealthCheckNow }] = await Promise.all([
        import('../../../runtime/checkers.js'),
        import('../../../services/checkups/run-health-check-now.js'),
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
}
