import { randomUUID } from 'node:crypto';

/**
 * A customer of the institution: usually an organisation. Contacts are personal data
 * (names, phone numbers, e-mail): they stay in intake, never in events or logs; other records
 * refer to a contact by id only.
 */
export interface Customer {
  id: string;
  code: string;
  name: string;
  kind: 'organisation' | 'individual';
  address: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface CustomerContact {
  id: string;
  customerId: string;
  name: string;
  role: string | null;
  phone: string | null;
  email: string | null;
  createdBy: string;
  createdAt: Date;
}

export function newCustomer(input: Pick<Customer, 'code' | 'name' | 'kind' | 'address'>, by: string, now: Date): Customer {
  return { id: randomUUID(), ...input, createdBy: by, createdAt: now };
}

export function newContact(customerId: string, input: Pick<CustomerContact, 'name' | 'role' | 'phone' | 'email'>, by: string, now: Date): CustomerContact {
  return { id: randomUUID(), customerId, ...input, createdBy: by, createdAt: now };
}
