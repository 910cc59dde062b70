import { z } from 'zod';
import { Roles } from '@calchain/contracts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes');

/** the institution answers for its results, so who it is and who answers are required. */
export const InstitutionSchema = z
  .object({
    id,
    name: z.string().min(1),
    legalStatus: z.enum(['legal-entity', 'authorised-by-legal-entity']),
    authorisingEntity: z.string().min(1).optional(),
    responsiblePersons: z.array(z.object({ name: z.string().min(1), function: z.string().min(1) })).min(1),
    registrationNumber: z.string().min(1).optional(),
    serviceFlow: z.string().min(1).optional(),
    serviceCommitments: z.string().min(1).optional(),
    disclosureReviewedOn: z.iso.date().optional(),
    sites: z.array(z.object({ id, name: z.string().min(1), address: z.string().min(1) })).default([]),
  })
  .refine((i) => i.legalStatus === 'legal-entity' || i.authorisingEntity, {
    path: ['authorisingEntity'],
    message: 'R-4.1.1: an institution authorised by a legal entity names that entity',
  });

export const RegistrySeedSchema = z.object({
  networks: z.array(z.object({ id, name: z.string().min(1), institutions: z.array(InstitutionSchema).min(1) })),
  users: z.array(
    z.object({
      id,
      issuer: z.string().min(1),
      subject: z.string().min(1),
      displayName: z.string().min(1),
      memberships: z
        .array(
          z
            .object({
              network: id,
              institution: id.optional(),
              site: id.optional(),
              roles: z.array(z.enum(Roles)).min(1),
              /** Issue 9: the intake customer a `customer` member acts for; it sees only that customer's orders. */
              customerId: z.string().trim().min(1).max(64).optional(),
            })
            .refine((m) => m.customerId === undefined || (m.roles.includes('customer') && m.institution), {
              path: ['customerId'],
              message: 'only a customer membership at one institution names a customer id',
            }),
        )
        .default([]),
      jurisdiction: z.array(id).default([]),
    }),
  ),
});

export type RegistrySeed = z.infer<typeof RegistrySeedSchema>;
