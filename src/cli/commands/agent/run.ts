import { Command, Option } from 'commander';
import { EXIT } from '../../exit-codes.js';
import type { CliIo } from '../../io.js';

export function agentCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('agent')
    .description('run the probes of one location and report them to a Surety server')
    .addOption(
      new Option('--server <url>', 'the Surety server, like https://surety.example.com')
        .env('SURETY_SERVER')
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--token <token>',
        'the probe token issued for this location (surety token create --role probe)',
      )
        .env('SURETY_AGENT_TOKEN')
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--location <name>', 'where this agent runs, like frankfurt')
        .env('SURETY_LOCATION')
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--source-address <ip>',
        'the local address probes connect from (on a host with several networks)',
      ),
    )
    .addOption(
      new Option('--log-level <level>', 'fatal, error, warn, info, debug')
        .env('SURETY_LOG_LEVEL')
        .default('info'),
    )
    .action(
      async (opts: {
        server: string;
        token: string;
        location: string;
        sourceAddress?: string;
        logLevel: string;
      }) => {
        const [{ ProbeAgent }, { createLogger }] = await Promise.all([
          import('../../../runtime/agent.js'),
          import('../../../runtime/logger.js'),
        ]);
        try {
          new URL(opts.server);
        } catch {
          io.err(
            `error: --server: "${opts.server}" is not a URL; write it like https://surety.example.com\n`,
          );
          setExit(EXIT.usage);
          return;
        }
        const logger = createLogger(opts.logLevel, process.stderr).child({
          component: 'agent',
          location: opts.location,
        });
        const agent = new ProbeAgent({
          server: opts.server,
          token: opts.token,
          location: opts.location,
          logger,
          localAddress: opts.sourceAddress,
          version: '0.1.0',
        });
        await agent.start();
        if (agent.failures > 0 && agent.monitors === 0)
          logger.warn(
            { error: agent.lastError },
            'no monitors yet: the server could not be asked; retrying',
          );
        io.out(
          `Surety agent at location ${opts.location} reporting to ${opts.server} (${agent.monitors} monitors)\n`,
        );
        // The scheduler's timers do not hold the process open (they are unref'd for the server's sake).
        const keepAlive = setInterval(() => undefined, 1 << 30);
        await new Promise<void>((resolve) => {
          const stop = () => {
            clearInterval(keepAlive);
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void agent.stop().then(resolve);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      },
    );
}
