import type { Command } from 'commander';
import { configFrom, outputOption, withCoreOptions } from '../../shared-options.js';
import type { CliIo } from '../../io.js';
import type { ServiceContext } from '../../../services/context.js';

/**
 * A command that opens the database (like `compliance`), runs one service verb as the CLI and
 * prints its result: JSON, or a table from `format`. Heavy modules load only when it runs.
 */
export function coreCommand<T>(
  io: CliIo,
  cmd: Command,
  run: (ctx: ServiceContext, args: string[], opts: Record<string, any>) => Promise<T>,
  format: (result: T) => string,
): Command {
  return withCoreOptions(cmd)
    .addOption(outputOption())
    .action(async (...params: unknown[]) => {
      const command = params[params.length - 1] as Command;
      const opts = command.opts();
      const args = params.slice(0, -2).map(String);
      const [{ openCore }, { SYSTEM }] = await Promise.all([import('../../../runtime/core.js'), import('../../../services/context.js')]);
      const core = await openCore(configFrom(opts));
      try {
        const result = await run(core.context({ ...SYSTEM, id: 'cli' }), args, opts);
        io.out(opts.output === 'json' ? `${JSON.stringify(result, null, 2)}\n` : format(result));
      } finally {
        await core.close();
      }
    });
}

/** Only the options that were given, as a service input. */
export const given = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
