import type { Instant } from '../../domain/time.js';
import type { CustomerId } from '../../domain/ticket.js';

export interface StoredToken {
  readonly id: string;
  readonly hash: string;
  readonly role: 'admin' | 'agent' | 'customer' | 'probe' | 'auditor';
  readonly customer: CustomerId | null;
  readonly name: string | null;
  readonly createdAt: Instant;
  readonly revokedAt: Instant | null;
}

export interface TokenRepository {
  insert(token: StoredToken): Promise<void>;
  findByHash(hash: string): Promise<StoredToken | undefined>;
  list(): Promise<StoredToken[]>;
  revoke(id: string, at: Instant): Promise<boolean>;
  countActive(role: StoredToken['role']): Promise<number>;
}
