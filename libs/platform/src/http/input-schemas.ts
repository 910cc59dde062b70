import { z } from 'zod';

/*
 * Request values that reach PostgreSQL. zod's own formats accept more than PostgreSQL stores (a
 * year 0000, a UTC offset of -20:21, an unbounded integer) and more than the JSON Schema they
 * publish says (a date-time without seconds, '' read as 0): the database then fails with a 500, or
 * the published document lies. Each was found by schemathesis through the gateway (issue 11).
 * The patterns are published in the OpenAPI document, so what it says is what is enforced.
 */

// Years 0001–9999: PostgreSQL has no year 0 (it is 1 BC), and the lab's calendar has no BC.
const year = '(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9][0-9]|[1-9][0-9]{3})';
// Leap days where the Gregorian calendar has them; years divisible by 400, but not year 0000.
const leapDay = '(?:[0-9][0-9](?:[2468][048]|[13579][26]|0[48])|(?:0[48]|[2468][048]|[13579][26])00)-02-29';
const day = `(?:${leapDay}|${year}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8])))`;
// RFC 3339 needs the seconds; PostgreSQL keeps microseconds and refuses offsets beyond ±15:59.
const time = '(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,9})?(?:Z|[+-](?:0[0-9]|1[0-5]):[0-5][0-9])';

/** A calendar date, YYYY-MM-DD, year 0001–9999. */
export const IsoDate = z.stringFormat('date', new RegExp(`^${day}$`), { message: 'a date YYYY-MM-DD, year 0001–9999' });

/** An instant with its UTC offset (RFC 3339: seconds required, offset within ±15:59). */
export const IsoDateTime = z.stringFormat('date-time', new RegExp(`^${day}T${time}$`), {
  message: 'a date-time with seconds and a UTC offset, e.g. 2025-03-01T08:30:00+08:00 (offset within ±15:59)',
});

/**
 * An e-mail address, by one published pattern and no `format`: zod's email() publishes both, and
 * schemathesis found an address that met zod's pattern but not the `email` format (a domain label
 * ending in '-'), which was then accepted as if valid. Domain labels here are letters, digits and
 * inner hyphens; the top-level domain is letters. Not trimmed: what the document says is what is kept.
 */
export const EmailAddress = z
  .string()
  .max(254)
  .regex(/^[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/, 'an e-mail address such as name@example.cn');

/** The largest value of a PostgreSQL integer column. */
export const PG_INT_MAX = 2_147_483_647;

/**
 * An integer from a path or query parameter. z.coerce.number() reads '' and ' ' as 0 and '0x10'
 * as 16; here only decimal digits count, and the bounds keep it inside an integer column.
 */
export const intParam = (min: number, max = PG_INT_MAX) =>
  z.preprocess((value) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value), z.int().min(min).max(max));

/**
 * Beside `.min(min)`: at least `min` characters counted as JSON Schema's minLength counts them
 * (code points). zod's min() counts UTF-16 units, so a value with a character outside the BMP
 * passed it short of the published minLength. What min() refuses already is left to it, so a
 * short value gets one problem, not two.
 */
export const hasChars = (min: number) => (value: string) => value.length < min || [...value].length >= min;
