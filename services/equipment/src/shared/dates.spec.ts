import { addDays, addMonths, labDate, minDate } from './dates';

describe('lab calendar dates', () => {
  it('adds calendar months without overflowing short months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-15', 12)).toBe('2026-03-15');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it("takes today from the lab's time zone, not UTC", () => {
    expect(labDate(new Date('2026-03-31T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-04-01');
    expect(labDate(new Date('2026-03-31T15:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-31');
  });

  it('takes the earlier of two optional dates', () => {
    expect(minDate('2026-01-01', null)).toBe('2026-01-01');
    expect(minDate('2026-01-02', '2026-01-01')).toBe('2026-01-01');
    expect(minDate(null, null)).toBeNull();
  });
});
