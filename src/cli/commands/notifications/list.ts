import { Command, Option } from 'commander';
import { configFrom, outputOption, withCoreOptions } from '../../shared-options.js';
import type { CliIo } from '../../io.js';
import { table } from '../../formatters/table.js';

export function notificationsListCommand(io: CliIo): Command {
  return withCoreOptions(new Command('list'))
    .description('the notification log: every notification with its attempts')
    .option('--alert <id>', "one alert's notifications")
    .addOption(
      new Option('--status <status>', 'only these').choices([
        'pending',
        'sending',
        'delivered',
        'failed',
        'cancelled',
      ]),
    )
    .addOption(outputOption())
    .action(async (opts) => {
      const [{ openCore }, { listNotifications }] = await Promise.all([
        import('../../../runtime/core.js'),
        import('../../../services/notifications/list.js'),
      ]);
      const core = await openCore(configFrom(opts));
      try {
        const r = await listNotifications({
          ctx: core.context(core.operator),
          input: {
            ...(opts.alert ? { alert: opts.alert } : {}),
            ...(opts.status ? { status: opts.status } : {}),
          },
        });
        io.out(
          opts.output === 'json'
            ? `${JSON.stringify(r, null, 2)}\n`
            : table(
                ['id', 'alert', 'status', 'to', 'via', 'attempts', 'last error'],
                r.notifications.map((n) => [
                  String(n.id),
                  String(n.alert ?? '-'),
                  n.status,
                  n.recipientName ?? n.channels[0] ?? '-',
                  n.deliveredVia ?? n.channel ?? '-',
                  String(n.attempts),
                  n.lastError ?? '',
                ]),
              ),
        );
      } finally {
        await core.close();
      }
    });
}
