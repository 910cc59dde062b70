import { z } from 'zod';
import { intParam, IsoDateTime } from '@calchain/platform';
import { DecimalText, Text } from '../../shared/dto';
import { EnvironmentalLimits } from '../../shared/limits-dto';
import { ENVIRONMENT_QUANTITIES } from '../domain/quantities';

const Activity = Text(100);

export const CreateRoomBody = z.object({
  code: Text(100),
  name: Text(),
  kind: z.enum(['room', 'zone']).default('room'),
  parentId: z.uuid().nullable().default(null),
  activities: z.array(Activity).max(50).default([]),
  excludedActivities: z.array(Activity).max(50).default([]),
  accessList: z.array(Text(100)).max(500).default([]),
  limits: EnvironmentalLimits,
});
export type CreateRoomInput = z.infer<typeof CreateRoomBody>;

export const UpdateRoomBody = CreateRoomBody.pick({ name: true, activities: true, excludedActivities: true, accessList: true, limits: true })
  .partial()
  .refine((o) => Object.keys(o).length > 0, 'at least one field to change');

export const RegisterDeviceBody = z.object({
  deviceId: z.string().trim().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'letters, digits and . _ : -'),
  quantities: z.array(z.enum(ENVIRONMENT_QUANTITIES)).min(1).max(ENVIRONMENT_QUANTITIES.length),
});

/**
 * readings as devices send them: one or more series (a device and quantity), each with
 * timestamped values. Re-sending a batch is harmless: readings are keyed by device, quantity and time.
 */
export const ReadingsBody = z.object({
  series: z
    .array(
      z.object({
        deviceId: z.string().trim().min(1).max(100),
        quantity: z.enum(ENVIRONMENT_QUANTITIES),
        unit: z.string().trim().min(1).max(30),
        readings: z.array(z.object({ at: IsoDateTime, value: DecimalText })).min(1).max(5000),
      }),
    )
    .min(1)
    .max(200)
    .refine((s) => s.reduce((n, x) => n + x.readings.length, 0) <= 20000, 'at most 20000 readings per batch'),
});
export type ReadingsInput = z.infer<typeof ReadingsBody>;

export const ConditionsQuery = z.object({
  at: IsoDateTime,
  /** How old the newest reading may be and still describe the moment (default 10 minutes). */
  maxAgeSeconds: intParam(1, 86400).default(600),
});

export const ComplianceQuery = z.object({
  methodId: z.uuid(),
  from: IsoDateTime,
  to: IsoDateTime,
  /** The longest silence between readings still accepted as continuous monitoring (default 10 minutes). */
  maxGapSeconds: intParam(1, 86400).default(600),
});

export const AccessQuery = z.object({ subject: Text(100) });
export const ExcursionsQuery = z.object({ from: IsoDateTime.optional(), to: IsoDateTime.optional() });

