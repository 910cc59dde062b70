import { z } from 'zod';
import { EmailAddress } from '@calchain/platform';
import { OptionalText, PageQuery, StoredString, Text } from '../../shared/api/dto';

export const RegisterCustomerBody = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'letters, digits, ".", "_" or "-", at most 40'),
  name: Text(200),
  kind: z.enum(['organisation', 'individual']).default('organisation'),
  address: OptionalText(300),
});

/** A contact person: personal data, kept in intake only. */
export const AddContactBody = z
  .object({
    name: Text(100),
    role: OptionalText(100),
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{5,30}$/, 'a phone number').nullable().default(null),
    email: EmailAddress.nullable().default(null),
  })
  .refine((c) => c.phone !== null || c.email !== null, { message: 'a contact needs a phone number or an e-mail address', path: ['phone'] });

export const CustomerQuery = PageQuery.extend({ q: StoredString(100).min(1).optional() });
