import { SuretyError } from '../domain/errors.js';
export function requireRole(caller, roles, action) {
    if (!roles.includes(caller.role)) {
        throw new SuretyError('forbidden', `${action} needs a ${roles.join(' or ')} token; this one is a ${caller.role} token`);
    }
}
/**
 * The customer a caller is confined to, or undefined for staff. Asking for another
 * customer's data reads as "not found": a customer must not learn what others have.
 */
export function scopeOf(caller) {
    return caller.role === 'customer' ? caller.customer : undefined;
}
export function canSee(caller, customer) {
    return caller.role !== 'customer' || caller.customer === customer;
}
//# sourceMappingURL=authorize.js.map