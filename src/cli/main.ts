import { Command, CommanderError } from 'commander';
import { SuretyError } from '../domain/errors.js';
import { checkCommand } from './commands/check.js';
import { complianceCommand } from './commands/compliance.js';
import { detectCommand } from './commands/detect.js';
import { serveCommand } from './commands/serve.js';
import type { CliIo } from './io.js';
import { tokenCreateCommand } from './commands/token/create.js';
import { agentCommand } from './commands/agent/run.js';
import { monitorsCommand } from './commands/monitors/list.js';
import { incidentsCommand } from './commands/incidents/commands.js';
import { ticketsCommand } from './commands/tickets/commands.js';
import { maintenanceCommand } from './commands/maintenance/commands.js';
import { healthChecksCommand, stressTestsCommand } from './commands/checkups/commands.js';
import { creditsCommand } from './commands/credits.js';
import { alertsListCommand } from './commands/alerts/list.js';
import { alertsAckCommand } from './commands/alerts/ack.js';
import { notificationsListCommand } from './commands/notifications/list.js';
import { oncallCommand } from './commands/oncall.js';
import { reportCommand } from './commands/report.js';
import { demoCommand } from './commands/demo.js';

const stdio: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Builds the `surety` command tree; a shell over the services, nothing more. */
export function buildCli(io: CliIo = stdio, setExit: (code: number) => void = () => {}): Command {
  const program = new Command('surety')
    .description(
      'Surety turns a written service-quality guarantee into running software: SLA clocks, compliance, credits, reports.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help to see the options)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  program.addCommand(serveCommand(io));
  program.addCommand(checkCommand(io, setExit));
  program.addCommand(complianceCommand(io));
  program.addCommand(detectCommand(io, setExit));
  program.addCommand(agentCommand(io));
  for (const noun of [
    ticketsCommand(io),
    monitorsCommand(io),
    incidentsCommand(io),
    maintenanceCommand(io),
    healthChecksCommand(io),
    stressTestsCommand(io),
  ]) {
    for (const verb of noun.commands)
      verb.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    program.addCommand(noun.exitOverride());
  }
  program.addCommand(reportCommand(io));
  program.addCommand(demoCommand(io));
  program.addCommand(
    new Command('token')
      .description('manage API tokens')
      .addCommand(tokenCreateCommand(io))
      .exitOverride(),
  );
  program.addCommand(creditsCommand(io));
  program.addCommand(
    new Command('alerts')
      .description('alerts and their escalation')
      .addCommand(alertsListCommand(io))
      .addCommand(alertsAckCommand(io, 'ack'))
      .addCommand(alertsAckCommand(io, 'resolve'))
      .exitOverride(),
  );
  program.addCommand(
    new Command('notifications')
      .description('the notification log')
      .addCommand(notificationsListCommand(io))
      .exitOverride(),
  );
  program.addCommand(oncallCommand(io));
  for (const cmd of program.commands)
    cmd.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  return program;
}

/** Runs the CLI and returns the exit code: 0 done, 1 the request failed, 2 the command line was wrong. */
export async function main(argv: readonly string[], io: CliIo = stdio): Promise<number> {
  let code = 0;
  const program = buildCli(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ||
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version'
        ? 0
        : 2;
    }
    if (err instanceof SuretyError) {
      io.err(`error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
