import { z } from 'zod';
import { EmailAddress, hasChars, intParam, IsoDate, IsoDateTime } from './input-schemas';

const ok = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe('request values PostgreSQL can store, as the OpenAPI document publishes them', () => {
  it('dates: calendar days of years 0001–9999, leap days only in leap years', () => {
    for (const d of ['2024-02-29', '2000-02-29', '0001-01-01', '0004-02-29', '9999-12-31']) expect(ok(IsoDate, d)).toBe(true);
    for (const d of ['0000-01-01', '0000-02-29', '2023-02-29', '1900-02-29', '2024-04-31', '2024-1-01', '20240101']) expect(ok(IsoDate, d)).toBe(false);
  });

  it('date-times: seconds required, offsets within ±15:59 as PostgreSQL keeps them', () => {
    for (const d of ['2025-03-01T08:30:00+08:00', '2025-03-01T08:30:00.123Z', '0001-01-01T00:00:00-15:59']) expect(ok(IsoDateTime, d)).toBe(true);
    for (const d of ['2025-03-01T08:30Z', '1208-02-13T22:55:53.362-20:21', '2025-03-01T08:30:00+16:00', '0000-01-01T00:00:00Z', '2025-03-01T08:30:00']) {
      expect(ok(IsoDateTime, d)).toBe(false);
    }
    expect(z.toJSONSchema(IsoDateTime)).toMatchObject({ type: 'string', format: 'date-time', pattern: expect.any(String) });
  });

  it('integer parameters: decimal digits only, bounded by the integer column', () => {
    expect(intParam(0).parse('12')).toBe(12);
    for (const v of ['', ' ', '0x10', '1e3', '1.5', '2147483648', '-1']) expect(ok(intParam(0), v)).toBe(false);
    expect(z.toJSONSchema(intParam(1, 100), { io: 'input' })).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
  });

  it('counts characters as JSON Schema does, not UTF-16 units, and leaves shorter values to min()', () => {
    const reason = z.string().min(3).refine(hasChars(3), 'at least 3 characters');
    expect(reason.safeParse('a😀').error?.issues.map((i) => i.code)).toEqual(['custom']);
    expect(reason.safeParse('a').error?.issues.map((i) => i.code)).toEqual(['too_small']);
    expect(reason.safeParse('ab😀').success).toBe(true);
  });

  it('e-mail addresses: one published pattern, no format, and what it refuses zod refuses (schemathesis found a label ending in "-")', () => {
    for (const v of ['complaints@east-metrology.example.cn', 'a.b+c@x.io']) expect(ok(EmailAddress, v)).toBe(true);
    for (const v of ['a@b-.co', 'a@-b.co', 'x@l.h-.0f9q1.rtmt', ' a@b.co', 'a@b.co ', 'a at b.co', 'a@b', `${'a'.repeat(250)}@b.co`]) expect(ok(EmailAddress, v)).toBe(false);
    const published = z.toJSONSchema(EmailAddress) as { pattern: string; format?: string };
    expect(published.format).toBeUndefined();
    expect(new RegExp(published.pattern).test('a@b-.co')).toBe(false);
  });
});
