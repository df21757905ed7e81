import type { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { alertChangeCommand } from './shared.js';

/** `surety alerts resolve ID`: ends an alert by hand; --by names the actor, not a body field. */
export function alertsResolveCommand(io: CliIo): Command {
  return alertChangeCommand(io, 'resolve', 'resolve an alert by hand', async (ctx, id, opts) => {
    const { resolveAlertByHand } = await import('../../../services/alerts/resolve.js');
    return resolveAlertByHand({
      ctx,
      input: { id, body: opts.note ? { note: opts.note as string } : {} },
    });
  });
}
