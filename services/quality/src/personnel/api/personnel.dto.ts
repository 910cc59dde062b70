import { z } from 'zod';
import { hasChars, IsoDate } from '@calchain/platform';
import { AuthorisationRoles, QualificationKinds, Titles } from '../domain/personnel';

const ItemCode = z.string().trim().min(1).max(100);

/** a person of the personnel ledger. The national ID is encrypted at rest and never returned. */
export const NewPersonBody = z.object({
  fullName: z.string().trim().min(1).max(200),
  staffNumber: z.string().trim().max(50).nullable().default(null),
  birthDate: IsoDate,
  nationalId: z.string().trim().min(5, 'a national ID has at least 5 characters').max(40).refine(hasChars(5), 'a national ID has at least 5 characters'),
  title: z.enum(Titles),
});

export const TitleBody = z.object({ title: z.enum(Titles) });

export const EmploymentBody = z.object({
  employmentType: z.enum(['employee', 'agency']),
  /** key staff are employed on site. */
  onSite: z.boolean(),
  position: z.string().trim().max(100).nullable().default(null),
  startedOn: IsoDate,
});

export const EndEmploymentBody = z.object({ endedOn: IsoDate, reason: z.string().trim().min(1).max(500) });

export const QualificationBody = z.object({
  kind: z.enum(QualificationKinds),
  name: z.string().trim().min(1).max(200),
  registrationNumber: z.string().trim().min(3).max(60).refine(hasChars(3), 'at least 3 characters').nullable().default(null),
  validFrom: IsoDate,
  validUntil: IsoDate.nullable().default(null),
});

export const CompetenceBody = z.object({
  kind: z.enum(['training', 'examination']),
  itemCode: ItemCode.nullable(),
  title: z.string().trim().min(1).max(200),
  completedOn: IsoDate,
  result: z.enum(['passed', 'failed', 'attended']),
  assessor: z.string().trim().max(100).nullable().default(null),
});

export const GrantBody = z.object({ itemCode: ItemCode, role: z.enum(AuthorisationRoles), validFrom: IsoDate, validUntil: IsoDate });

export const RevokeBody = z.object({ reason: z.string().trim().min(1).max(500) });

export const AuthorisationQuery = z.object({ itemCode: ItemCode.optional(), personId: z.uuid().optional(), activeOn: IsoDate.optional() });

export const ItemBody = z.object({ title: z.string().trim().max(200).nullable().default(null) });

export const IdParam = z.uuid();
export const ItemCodeParam = ItemCode;
