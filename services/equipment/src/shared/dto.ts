import { z } from 'zod';
import { IsoDate } from '@calchain/platform';

/** A decimal as measured or reported, kept as written (trailing zeros carry the resolution). */
export const DecimalText = z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'a decimal number written as a string, e.g. "0.050"');
export const PositiveDecimalText = DecimalText.refine((s) => !s.startsWith('-') && /[1-9]/.test(s), 'a positive decimal');
export const DateText = IsoDate;
export const Text = (max = 200) => z.string().trim().min(1).max(max);
export const OptionalText = (max = 200) => z.string().trim().max(max).nullable().default(null);
export const IdParam = z.uuid();
