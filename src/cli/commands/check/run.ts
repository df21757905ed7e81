import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { EXIT } from '../../exit-codes.js';
import type { CliIo } from '../../io.js';

export function checkCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('check')
    .description('validate a policy file and name every problem with file:line:column')
    .argument('<file>', 'the policy file to check')
    .action(async (file: string) => {
      const [{ formatProblem }, { parsePolicyText }] = await Promise.all([
        import('../../../policy/load.js'),
        import('../../../runtime/policy-file.js'),
      ]);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        io.err(
          `${file}: cannot read it: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}\n`,
        );
        setExit(EXIT.failed);
        return;
      }
      const { policy, problems } = parsePolicyText(text, file);
      if (!policy) {
        for (const p of problems) io.err(`${formatProblem(p)}\n`);
        io.err(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
        setExit(EXIT.failed);
        return;
      }
      const counts = policy.commitments.reduce<Record<string, number>>(
        (acc, c) => ({ ...acc, [c.type]: (acc[c.type] ?? 0) + 1 }),
        {},
      );
      io.out(
        `${file}: ok: ${policy.commitments.length} commitments (${Object.entries(counts)
          .map(([k, n]) => `${n} ${k}`)
          .join(
            ', ',
          )}), ${policy.calendars.size} calendars, ${policy.plans.size} plans, ${policy.contracts.length} contracts, ${policy.metrics.rules.length} metric rules, ${policy.metrics.anomalies.length} anomaly alerts, ${policy.availability.monitors.length} monitors, ${policy.availability.healthChecks.length} health-check suites, ${policy.availability.stressTests.length} stress tests\n`,
      );
    });
}
