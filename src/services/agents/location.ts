import { SuretyError, invalidInput } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';

export const LOCAL = 'local';

export const LOCATION = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** The location a caller reports for: a probe token's own, or the one a staff token names. */
export async function locationOf(ctx: ServiceContext, requested: string): Promise<string> {
  requireRole(ctx.caller, ['admin', 'agent', 'probe'], 'running a probe agent');
  if (!LOCATION.test(requested))
    throw invalidInput(
      `location: "${requested}" is not a location name (lower-case letters, digits, "-" or "_")`,
      [{ path: '/location', message: 'not a location name' }],
    );
  if (requested === LOCAL)
    throw invalidInput(
      'location: "local" is the server itself; give the agent its own location name',
      [{ path: '/location', message: 'reserved' }],
    );
  if (ctx.caller.role === 'probe') {
    const bound = await ctx.store.agents.tokenLocation(ctx.caller.id);
    if (bound !== requested)
      throw new SuretyError(
        'forbidden',
        `this probe token belongs to location "${bound ?? '?'}", not "${requested}"`,
      );
  }
  return requested;
}
