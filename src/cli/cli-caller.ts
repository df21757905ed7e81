import { userInfo } from 'node:os';
import type { Caller } from '../services/context.js';

/** The CLI acts as an admin; the record names the operating-system user who ran it. */
export function cliCaller(system: Caller): Caller {
  let user = 'unknown user';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (a container's arbitrary uid): the record says so.
  }
  return { ...system, id: 'cli', name: `the command line (${user})` };
}
