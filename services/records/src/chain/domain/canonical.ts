import { createHash } from 'node:crypto';

/**
 * The canonical serialisation the record chain hashes (R-6.3.4, R-7.2), named
 * `calchain-canonical-json-v1`: JSON with object keys sorted by UTF-16 code units at every level,
 * no whitespace, `undefined` members left out, strings escaped as JSON.stringify does, and only
 * safe integers as numbers. Measured values are decimal strings, so no binary float is ever
 * hashed: a float (or NaN, Infinity, a Date, a bigint) is refused rather than silently written in
 * one of its many textual forms. The same bytes come out whether the value was built in memory or
 * read back from a PostgreSQL jsonb column.
 */
export const CANONICALISATION = 'calchain-canonical-json-v1' as const;

export type Canonical = null | boolean | number | string | Canonical[] | { [key: string]: Canonical | undefined };

export function canonicalJson(value: unknown, path = '$'): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      if (value.includes('\u0000')) throw new TypeError(`${path}: NUL characters cannot be stored`);
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError(`${path}: only safe integers may be hashed as numbers, got ${value}; use a decimal string`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v, i) => canonicalJson(v === undefined ? null : v, `${path}[${i}]`)).join(',')}]`;
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        throw new TypeError(`${path}: only plain objects may be hashed, got ${(value as object).constructor?.name}`);
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`${path}: ${typeof value} cannot be hashed`);
  }
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** SHA-256 of the canonical serialisation. */
export const canonicalHash = (value: unknown): string => sha256Hex(canonicalJson(value));
