import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { runLine } from '../../formatters/availability.js';
import { coreCommand } from '../../core-command.js';

export function stressTestsRunCommand(io: CliIo): Command {
  return coreCommand(
    io,
    new Command('run')
      .description('run a stress test against its loopback target now')
      .argument('<id>'),
    async (ctx, [id]) => {
      const [{ loadRunner }, { runStressTestNow }] = await Promise.all([
        import('../../../runtime/checkers.js'),
        import('../../../services/checkups/run-stress-test-now.js'),
      ]);
      return runStressTestNow({ ctx, runLoad: loadRunner(), input: { id: id! } });
    },
    runLine,
  );
}
