import type { Command } from 'commander';
import { configFrom, outputOption, withCoreOptions } from './shared-options.js';
import type { CliIo } from './io.js';
import type { ServiceContext } from '../services/context.js';

/**
 * A command that opens the database (like `compliance`), runs one service verb as the CLI and
 * prints its result: JSON, or a table from `format`. Heavy modules load only when it runs.
 */
export function coreCommand<T>(
  io: CliIo,
  cmd: Command,
  run: (ctx: ServiceContext, args: string[], opts: Record<string, unknown>) => Promise<T>,
  format: (result: T) => string,
): Command {
  return withCoreOptions(cmd)
    .addOption(outputOption())
    .action(async (...params: unknown[]) => {
      const command = params[params.length - 1] as Command;
      const opts = command.opts();
      // An optional argument not given is left out, not turned into the word "undefined".
      const args = params
        .slice(0, -2)
        .filter((p) => p !== undefined)
        .map(String);
      const { openCore } = await import('../runtime/core.js');
      const core = await openCore(configFrom(opts));
      try {
        // As the admin "cli", with the operating-system user named in what it records.
        const result = await busyRetry(() => run(core.context(core.operator), args, opts));
        io.out(opts.output === 'json' ? `${JSON.stringify(result, null, 2)}\n` : format(result));
      } finally {
        await core.close();
      }
    });
}

/**
 * Beside a running server on SQLite, a transaction that read before the server wrote cannot
 * write (SQLITE_BUSY at once, not after the busy timeout). Every verb is all or nothing, so it
 * is safe to run it again; a few tries with a short pause settle it.
 */
async function busyRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') || attempt >= 4) throw err;
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
}

/** Only the options that were given, as a service input. */
export const given = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
