import { SuretyError, invalidInput } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';

export const LOCAL = 'local';

export const LOCATION = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** What a caller does as a location, for the refusal's wording. */
export type AgentAction = 'fetch its monitors' | 'report its results';

/**
 * The location a caller acts as, which must be its probe token's own. Staff tokens are refused:
 * a result is evidence of uptime, so only the token bound to the location may speak for it, and a
 * fetch marks the location's agent as heard from.
 */
export async function locationOf(
  ctx: ServiceContext,
  requested: string,
  action: AgentAction,
): Promise<string> {
  // Who may speak for a location comes first: a staff token learns nothing from a bad name.
  if (ctx.caller.role !== 'probe') {
    const named = LOCATION.test(requested) && requested !== LOCAL;
    const where = named ? requested : 'NAME';
    throw new SuretyError(
      'forbidden',
      `only the probe token issued for ${named ? `location "${requested}"` : 'a location'} may ${action}, not ${/^[aeiou]/.test(ctx.caller.role) ? 'an' : 'a'} ${ctx.caller.role} token; issue ` +
        `one with \`surety token create --role probe --location ${where}\` or ` +
        `POST /api/v1/agents/tokens {"location":"${where}"}`,
    );
  }
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
  const only = `only the probe token issued for location "${requested}" may ${action}`;
  const bound = await ctx.store.agents.tokenLocation(ctx.caller.id);
  if (bound !== requested)
    throw new SuretyError(
      'forbidden',
      `this probe token belongs to location "${bound ?? '?'}", not "${requested}"; ${only}`,
    );
  return requested;
}
