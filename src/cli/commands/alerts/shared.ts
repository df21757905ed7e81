import { Command } from 'commander';
import { configFrom, outputOption, withCoreOptions } from '../../shared-options.js';
import type { CliIo } from '../../io.js';
import type { ServiceContext } from '../../../services/context.js';

interface AlertState {
  id: number;
  status: string;
  acknowledgedBy?: string | null;
}

/**
 * `ack` and `resolve` take the same arguments and print the same line; only the service verb
 * differs. The id is checked before the database is opened, so a typo costs nothing.
 */
export function alertChangeCommand(
  io: CliIo,
  name: string,
  description: string,
  change: (ctx: ServiceContext, id: number, opts: Record<string, unknown>) => Promise<AlertState>,
): Command {
  return withCoreOptions(new Command(name))
    .description(description)
    .argument('<id>', 'the alert number')
    .option('--note <text>', 'what is being done')
    .option('--by <name>', 'who (for the record)')
    .addOption(outputOption())
    .action(async (id: string, opts) => {
      const [{ openCore }, { SYSTEM }, { invalidInput }] = await Promise.all([
        import('../../../runtime/core.js'),
        import('../../../services/context.js'),
        import('../../../domain/errors.js'),
      ]);
      if (!/^\d+$/.test(id)) throw invalidInput(`"${id}" is not an alert number`);
      const core = await openCore(configFrom(opts));
      try {
        const a = await change(core.context({ ...SYSTEM, id: opts.by ?? 'cli' }), Number(id), opts);
        io.out(
          opts.output === 'json'
            ? `${JSON.stringify(a, null, 2)}\n`
            : `alert ${a.id} is ${a.status}${a.acknowledgedBy ? ` (by ${a.acknowledgedBy})` : ''}\n`,
        );
      } finally {
        await core.close();
      }
    });
}
