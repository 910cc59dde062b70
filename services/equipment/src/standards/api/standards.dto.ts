import { z } from 'zod';
import { DateText, DecimalText, OptionalText, PositiveDecimalText, Text } from '../../shared/dto';

export const CreateStandardBody = z.object({
  code: Text(100),
  name: Text(),
  category: z.enum(['public', 'department-highest', 'enterprise-highest', 'working']),
  servesSociety: z.boolean(),
  responsibleId: OptionalText(100),
  equipmentIds: z.array(z.uuid()).max(200).default([]),
});
export type CreateStandardInput = z.infer<typeof CreateStandardBody>;

export const CertificateBody = z.object({
  kind: z.enum(['assessment', 'public-standard', 'authorisation']),
  number: Text(100),
  issuer: Text(),
  issuedOn: DateText,
  validUntil: DateText,
});

export const ScopeBody = z.object({
  items: z
    .array(
      z.object({
        name: Text(),
        quantity: Text(100),
        serviceKinds: z.array(z.enum(['calibration', 'verification'])).min(1),
        methodCodes: z.array(Text(100)).max(50).default([]),
        ranges: z
          .array(
            z.object({
              lower: DecimalText,
              upper: DecimalText,
              unit: Text(30),
              bestMeasurementCapability: z.object({ expandedUncertainty: PositiveDecimalText, unit: Text(30), coverageFactor: PositiveDecimalText.default('2') }),
            }),
          )
          .min(1)
          .max(50),
      }),
    )
    .max(200),
});
export type ScopeInput = z.infer<typeof ScopeBody>;

export const EquipmentIdsBody = z.object({ equipmentIds: z.array(z.uuid()).max(200) });
export const SuspendStandardBody = z.object({ reason: Text(500).nullable() });
export const TenantParam = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'an institution id');
