import { z } from 'zod';
import { intParam, IsoDate } from '@calchain/platform';

/** A decimal as measured or priced, kept as written (trailing zeros carry the resolution). */
export const DecimalText = z.string().trim().regex(/^-?\d{1,15}(\.\d{1,12})?$/, 'a decimal number written as a string, e.g. "0.050"');
export const NonNegativeDecimalText = DecimalText.refine((s) => !s.startsWith('-'), 'must not be negative');
export const MoneyText = z.string().trim().regex(/^\d{1,12}(\.\d{1,2})?$/, 'an amount of money as a string with at most two decimals, e.g. "120.00"');
export const DateText = IsoDate;
/**
 * Text as stored. The length is checked as sent, before trimming, so the published maxLength is
 * exactly what is enforced. U+0000, which PostgreSQL cannot store, is refused for every field by
 * the platform's ZodValidationPipe.
 */
export const StoredString = (max: number) => z.string().max(max).trim();
export const Text = (max = 200) => StoredString(max).min(1);
export const OptionalText = (max = 200) => StoredString(max).min(1).nullable().default(null);
export const Code = StoredString(100).min(1);
export const IdParam = z.uuid();
// Written without the `i` flag: JSON Schema patterns have no flags, and the document must say what is accepted.
export const TenantParam = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an institution id');

/** Lists: 1-based page, at most 100 rows a page. */
export const PageQuery = z.object({
  page: intParam(1).default(1),
  pageSize: intParam(1, 100).default(20),
});

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export const page = <T>(items: T[], total: number, query: { page: number; pageSize: number }): Page<T> => ({
  items,
  page: query.page,
  pageSize: query.pageSize,
  total,
});

export const offsetOf = (query: { page: number; pageSize: number }) => (query.page - 1) * query.pageSize;
