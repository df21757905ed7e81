import { Command } from 'commander';
import { configFrom, outputOption, withCoreOptions } from '../../shared-options.js';
import type { CliIo } from '../../io.js';

export function alertsAckCommand(io: CliIo, verb: 'ack' | 'resolve'): Command {
  return withCoreOptions(new Command(verb))
    .description(
      verb === 'ack' ? 'acknowledge an alert: its escalation stops' : 'resolve an alert by hand',
    )
    .argument('<id>', 'the alert number')
    .option('--note <text>', 'what is being done')
    .option('--by <name>', 'who (for the record)')
    .addOption(outputOption())
    .action(async (id: string, opts) => {
      const [
        { openCore },
        { acknowledgeAlert },
        { resolveAlertByHand },
        { SYSTEM },
        { invalidInput },
      ] = await Promise.all([
        import('../../../runtime/core.js'),
        import('../../../services/alerts/acknowledge.js'),
        import('../../../services/alerts/resolve.js'),
        import('../../../services/context.js'),
        import('../../../domain/errors.js'),
      ]);
      if (!/^\d+$/.test(id)) throw invalidInput(`"${id}" is not an alert number`);
      const core = await openCore(configFrom(opts));
      try {
        const ctx = core.context({ ...SYSTEM, id: opts.by ?? 'cli' });
        const body = {
          ...(opts.note ? { note: opts.note } : {}),
          ...(verb === 'ack' && opts.by ? { by: opts.by } : {}),
        };
        const a =
          verb === 'ack'
            ? await acknowledgeAlert({ ctx, input: { id: Number(id), body } })
            : await resolveAlertByHand({
                ctx,
                input: { id: Number(id), body: opts.note ? { note: opts.note } : {} },
              });
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
