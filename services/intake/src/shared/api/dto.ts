import { z } from 'zod';

/** A decimal as measured or priced, kept as written (trailing zeros carry the resolution). */
export const DecimalText = z.string().trim().regex(/^-?\d{1,15}(\.\d{1,12})?$/, 'a decimal number written as a string, e.g. "0.050"');
export const NonNegativeDecimalText = DecimalText.refine((s) => !s.startsWith('-'), 'must not be negative');
export const MoneyText = z.string().trim().regex(/^\d{1,12}(\.\d{1,2})?$/, 'an amount of money as a string with at most two decimals, e.g. "120.00"');
export const DateText = z.iso.date();
export const Text = (max = 200) => z.string().trim().min(1).max(max);
export const OptionalText = (max = 200) => z.string().trim().min(1).max(max).nullable().default(null);
export const Code = z.string().trim().min(1).max(100);
export const IdParam = z.uuid();
export const TenantParam = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'an institution id');

/** Lists: 1-based page, at most 100 rows a page. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
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
