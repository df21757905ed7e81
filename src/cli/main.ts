import { Command, CommanderError } from 'commander';
import { evidenceVerifyCommand } from './commands/evidence/verify.js';
import { auditCheckpointCommand } from './commands/audit/checkpoint.js';
import { auditVerifyCommand } from './commands/audit/verify.js';
import { SuretyError } from '../domain/errors.js';
import { EXIT, EXIT_CODES } from './exit-codes.js';
import type { CliIo } from './io.js';
import { agentCommand } from './commands/agent/run.js';
import { alertsAckCommand } from './commands/alerts/ack.js';
import { alertsListCommand } from './commands/alerts/list.js';
import { alertsResolveCommand } from './commands/alerts/resolve.js';
import { assessmentsAddCommand } from './commands/assessments/add.js';
import { assessmentsListCommand } from './commands/assessments/list.js';
import { checkCommand } from './commands/check/run.js';
import { complianceCommand } from './commands/compliance/run.js';
import { creditsCommand } from './commands/credits/run.js';
import { demoCommand } from './commands/demo/run.js';
import { detectCommand } from './commands/detect/run.js';
import { healthChecksListCommand } from './commands/health-checks/list.js';
import { healthChecksRunCommand } from './commands/health-checks/run.js';
import { incidentsAckCommand } from './commands/incidents/ack.js';
import { incidentsListCommand } from './commands/incidents/list.js';
import { incidentsMitigateCommand } from './commands/incidents/mitigate.js';
import { incidentsNoteCommand } from './commands/incidents/note.js';
import { incidentsOpenCommand } from './commands/incidents/open.js';
import { incidentsResolveCommand } from './commands/incidents/resolve.js';
import { incidentsShowCommand } from './commands/incidents/show.js';
import { maintenanceAddCommand } from './commands/maintenance/add.js';
import { maintenanceCancelCommand } from './commands/maintenance/cancel.js';
import { maintenanceListCommand } from './commands/maintenance/list.js';
import { monitorsAddCommand } from './commands/monitors/add.js';
import { monitorsListCommand } from './commands/monitors/list.js';
import { monitorsRemoveCommand } from './commands/monitors/remove.js';
import { monitorsShowCommand } from './commands/monitors/show.js';
import { monthsCloseCommand } from './commands/months/close.js';
import { monthsListCommand } from './commands/months/list.js';
import { monthsReopenCommand } from './commands/months/reopen.js';
import { notificationsListCommand } from './commands/notifications/list.js';
import { oncallCommand } from './commands/oncall/run.js';
import { policyVersionsCommand } from './commands/policy/versions.js';
import { reportCommand } from './commands/report/run.js';
import { serveCommand } from './commands/serve/run.js';
import { stressTestsListCommand } from './commands/stress-tests/list.js';
import { stressTestsRunCommand } from './commands/stress-tests/run.js';
import { ticketsCorrectCommand } from './commands/tickets/correct.js';
import { ticketsCorrectionsCommand } from './commands/tickets/corrections.js';
import { tokenCreateCommand } from './commands/token/create.js';

const stdio: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** A noun that only groups its verbs; its help lists them in the order given. */
const noun = (name: string, description: string, verbs: Command[]) =>
  verbs.reduce((cmd, verb) => cmd.addCommand(verb), new Command(name).description(description));

/**
 * Builds the `surety` command tree; a shell over the services, nothing more.
 *
 * The files mirror what users type: `surety <noun> <verb>` is `commands/<noun>/<verb>.ts`, and a
 * noun that is a command by itself (`surety serve`) is `commands/<noun>/run.ts`. What several
 * verbs of one noun share sits in `commands/<noun>/shared.ts`; what nouns share sits in `cli/`.
 * The nouns' own descriptions live here, where the tree is put together.
 */
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
  program.addCommand(agentCommand(io, setExit));
  program.addCommand(
    noun('tickets', 'tickets: correct a recorded event, list the corrections', [
      ticketsCorrectCommand(io),
      ticketsCorrectionsCommand(io),
    ]),
  );
  program.addCommand(
    noun('monitors', 'monitors and their state', [
      monitorsListCommand(io),
      monitorsShowCommand(io),
      monitorsAddCommand(io),
      monitorsRemoveCommand(io),
    ]),
  );
  program.addCommand(
    noun('incidents', 'incidents: list, open, acknowledge, mitigate, resolve', [
      incidentsListCommand(io),
      incidentsShowCommand(io),
      incidentsOpenCommand(io),
      incidentsAckCommand(io),
      incidentsMitigateCommand(io),
      incidentsResolveCommand(io),
      incidentsNoteCommand(io),
    ]),
  );
  program.addCommand(
    noun('maintenance', 'planned maintenance windows', [
      maintenanceListCommand(io),
      maintenanceAddCommand(io),
      maintenanceCancelCommand(io),
    ]),
  );
  program.addCommand(
    noun('health-checks', 'health-check suites (3× a day by default)', [
      healthChecksListCommand(io),
      healthChecksRunCommand(io),
    ]),
  );
  program.addCommand(
    noun('stress-tests', 'the weekly stress test', [
      stressTestsListCommand(io),
      stressTestsRunCommand(io),
    ]),
  );
  program.addCommand(reportCommand(io));
  program.addCommand(
    noun('assessments', 'the quarterly third-party assessments: record one, list them', [
      assessmentsAddCommand(io),
      assessmentsListCommand(io),
    ]),
  );
  program.addCommand(demoCommand(io));
  program.addCommand(noun('token', 'manage API tokens', [tokenCreateCommand(io)]));
  program.addCommand(
    noun('audit', 'the hash-chained, signed audit log', [
      auditVerifyCommand(io, setExit),
      auditCheckpointCommand(io),
    ]),
  );
  program.addCommand(
    noun('evidence', 'quarterly evidence packs', [evidenceVerifyCommand(io, setExit)]),
  );
  program.addCommand(creditsCommand(io));
  program.addCommand(
    noun('months', 'months closed and open: a closed month is not re-derived until reopened', [
      monthsListCommand(io),
      monthsReopenCommand(io),
      monthsCloseCommand(io),
    ]),
  );
  program.addCommand(
    noun('policy', 'the policy versions Surety was started with', [policyVersionsCommand(io)]),
  );
  program.addCommand(
    noun('alerts', 'alerts and their escalation', [
      alertsListCommand(io),
      alertsAckCommand(io),
      alertsResolveCommand(io),
    ]),
  );
  program.addCommand(noun('notifications', 'the notification log', [notificationsListCommand(io)]));
  program.addCommand(oncallCommand(io));
  throughMain(program, io);
  return program;
}

/**
 * Commander exits the process itself on a usage error unless told not to, and a verb does not
 * inherit that from its noun; so every command at every depth is told, and `main` decides.
 */
function throughMain(cmd: Command, io: CliIo): void {
  for (const sub of cmd.commands) {
    sub.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    throughMain(sub, io);
  }
}

/** Runs the CLI and returns the exit code, as `exit-codes.ts` lists them. */
export async function main(argv: readonly string[], io: CliIo = stdio): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildCli(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ||
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version'
        ? EXIT.ok
        : EXIT.usage;
    }
    if (err instanceof SuretyError) {
      io.err(`error: ${err.message}\n`);
      return EXIT_CODES[err.code];
    }
    throw err;
  }
}
