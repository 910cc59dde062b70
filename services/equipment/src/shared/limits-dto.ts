import { z } from 'zod';
import { Dec } from '@calchain/metrology';
import { CANONICAL_UNITS, ENVIRONMENT_QUANTITIES } from '../environment/domain/quantities';
import { DecimalText } from './dto';

const isDecimal = (value: string | null): value is string => value !== null && DecimalText.safeParse(value).success;

/** environmental limits, in the canonical unit of each quantity, at least one side, lower ≤ upper, one per quantity. */
export const EnvironmentalLimits = z
  .array(
    z
      .object({
        quantity: z.enum(ENVIRONMENT_QUANTITIES),
        lower: DecimalText.nullable().default(null),
        upper: DecimalText.nullable().default(null),
        unit: z.string().trim(),
      })
      .refine((l) => l.unit === CANONICAL_UNITS[l.quantity], { message: 'the unit must be the canonical unit of the quantity (°C, %RH, hPa, V, Hz, mm/s, V/m)', path: ['unit'] })
      .refine((l) => l.lower !== null || l.upper !== null, { message: 'a limit needs a lower or an upper value', path: ['upper'] })
      // zod runs this refinement even when a limit failed its own format check: compare only two decimals (a malformed one threw, a 500).
      .refine((l) => !isDecimal(l.lower) || !isDecimal(l.upper) || new Dec(l.lower).lessThanOrEqualTo(new Dec(l.upper)), {
        message: 'the lower limit is above the upper limit',
        path: ['lower'],
      }),
  )
  .max(ENVIRONMENT_QUANTITIES.length)
  .refine((limits) => new Set(limits.map((l) => l.quantity)).size === limits.length, 'one limit per quantity')
  .default([]);
