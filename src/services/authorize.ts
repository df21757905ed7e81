import { SuretyError } from '../domain/errors.js';
import type { CustomerId } from '../domain/ticket.js';
import type { Caller, Role } from './context.js';

export function requireRole(caller: Caller, roles: readonly Role[], action: string): void {
  if (!roles.includes(caller.role)) {
    throw new SuretyError(
      'forbidden',
      `${action} needs ${article(roles[0]!)} ${alternatives(roles)} token; this one is ${article(caller.role)} ${caller.role} token`,
    );
  }
}

/**
 * The customer a caller is confined to, or undefined for staff and auditors. Asking for another
 * customer's data reads as "not found": a customer must not learn what others have.
 */
export function scopeOf(caller: Caller): CustomerId | undefined {
  return caller.role === 'customer' ? caller.customer : undefined;
}

export function canSee(caller: Caller, customer: CustomerId): boolean {
  return caller.role !== 'customer' || caller.customer === customer;
}

/** "admin", "admin or agent", "admin, agent or auditor". */
function alternatives(roles: readonly string[]): string {
  return roles.length <= 2
    ? roles.join(' or ')
    : `${roles.slice(0, -1).join(', ')} or ${roles[roles.length - 1]!}`;
}

/** "an admin", "a customer": the message reads as a sentence. */
function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
