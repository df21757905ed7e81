import type { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { alertChangeCommand } from './shared.js';

/** `surety alerts ack ID`: acknowledging stops the escalation; --by is recorded as who did it. */
export function alertsAckCommand(io: CliIo): Command {
  return alertChangeCommand(
    io,
    'ack',
    'acknowledge an alert: its escalation stops',
    async (ctx, id, opts) => {
      const { acknowledgeAlert } = await import('../../../services/alerts/acknowledge.js');
      const body = {
        ...(opts.note ? { note: opts.note as string } : {}),
        ...(opts.by ? { by: opts.by as string } : {}),
      };
      return acknowledgeAlert({ ctx, input: { id, body } });
    },
  );
}
