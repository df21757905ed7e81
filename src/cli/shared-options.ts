import { Option, type Command } from 'commander';
import { configFromEnvironment, type Config, type ConfigFlags } from '../runtime/config.js';

/** The options every command that opens the database takes, each with its environment fallback. */
export function withCoreOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--data-dir <dir>', 'where the embedded database lives')
        .env('SURETY_DATA_DIR')
        .default(undefined, './data'),
    )
    .addOption(
      new Option('--db <url>', 'postgres://user@host/db[?schema=s] or sqlite:PATH').env(
        'SURETY_DB',
      ),
    )
    .addOption(
      new Option('--policy <file>', 'the policy (guarantee) file')
        .env('SURETY_POLICY')
        .default(undefined, 'examples/guarantee.yaml'),
    );
}

export function configFrom(opts: ConfigFlags & Record<string, unknown>): Config {
  return configFromEnvironment(opts);
}

export const outputOption = () =>
  new Option('-o, --output <format>', 'how to print the result')
    .choices(['table', 'json'])
    .default('table');
