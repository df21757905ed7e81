import { Command, Option } from 'commander';
import type { CliIo } from '../../io.js';
import { configFrom, withCoreOptions } from '../../shared-options.js';

export function serveCommand(io: CliIo): Command {
  return withCoreOptions(new Command('serve'))
    .description('serve the API, measure every commitment continuously')
    .addOption(
      new Option('--port <port>', 'TCP port').env('SURETY_PORT').default(undefined, '8080'),
    )
    .addOption(
      new Option('--host <host>', 'address to listen on')
        .env('SURETY_HOST')
        .default(undefined, '127.0.0.1'),
    )
    .addOption(
      new Option(
        '--admin-token <token>',
        'the admin token (at least 16 characters); generated and printed once if absent',
      ).env('SURETY_ADMIN_TOKEN'),
    )
    .addOption(
      new Option('--max-series <n>', 'metric series held at most (about 0.9 KiB each)')
        .env('SURETY_MAX_SERIES')
        .default(undefined, '1000000'),
    )
    .addOption(
      new Option('--log-level <level>', 'fatal, error, warn, info, debug')
        .env('SURETY_LOG_LEVEL')
        .default(undefined, 'info'),
    )
    .action(async (opts) => {
      const config = configFrom(opts);
      // Loaded on demand, so `--help` and light commands start fast.
      const { startServer } = await import('../../../runtime/server-app.js');
      const app = await startServer(config);
      if (app.generatedAdminToken) {
        io.out(
          `\nNo admin token was configured, so one was generated. It is shown this once; keep it:\n\n  ${app.generatedAdminToken}\n\n`,
        );
      }
      io.out(
        `Surety is serving ${app.url} (policy ${config.policyPath}, database ${app.core.storeDescription})\n`,
      );
      // glibc only reads this at process start, so the server can only say so (README, Configuration).
      if (!config.mallocTuned) {
        io.out(
          'Tip: start it with MALLOC_MMAP_THRESHOLD_=131072 in the environment (npm start does) to keep its memory about a quarter lower with many metric series.\n',
        );
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void app.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
