import type { Customer } from '../../domain/customer.js';
import type { CustomerId } from '../../domain/ticket.js';

export interface CustomerRepository {
  insert(customer: Customer): Promise<void>;
  upsert(customer: Customer): Promise<void>;
  get(id: CustomerId): Promise<Customer | undefined>;
  list(): Promise<Customer[]>;
}
