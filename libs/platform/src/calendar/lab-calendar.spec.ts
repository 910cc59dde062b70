import { addDays, addMonths, addYears, CalendarRangeError, isValidIsoDate, labDate, maxDate, minDate, weekday } from './lab-calendar';

describe('the lab calendar (one for every service)', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-10', 0)).toBe('2026-01-10');
  });

  it('keeps years 0001–0099 as themselves (Date.UTC would make them 1900–1999)', () => {
    expect(addDays('0050-06-30', 1)).toBe('0050-07-01');
    expect(addYears('0001-01-01', 18)).toBe('0019-01-01');
    expect(addMonths('0099-12-15', 1)).toBe('0100-01-15');
    expect(weekday('0001-01-01')).toBe(1); // proleptic Gregorian: a Monday
    expect(isValidIsoDate('0050-02-29')).toBe(false);
    expect(isValidIsoDate('0048-02-29')).toBe(true);
  });

  it('clamps months and anniversaries to the shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-05-15', 12)).toBe('2027-05-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('refuses to leave 0001-01-01 … 9999-12-31 instead of writing "+010000-…" or year 0', () => {
    expect(addDays('9999-12-31', 0)).toBe('9999-12-31');
    expect(() => addDays('9999-12-31', 1)).toThrow(CalendarRangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow('10000-01-01 lies outside the calendar');
    expect(() => addMonths('9999-12-01', 1)).toThrow(CalendarRangeError);
    expect(() => addYears('2026-01-01', 8000)).toThrow(CalendarRangeError);
    expect(() => addDays('0001-01-01', -1)).toThrow(CalendarRangeError);
  });

  it('recognises only real days of years 0001–9999', () => {
    for (const good of ['2026-02-28', '2000-02-29', '9999-12-31', '0001-01-01']) expect(isValidIsoDate(good)).toBe(true);
    for (const bad of ['2026-02-29', '1900-02-29', '2026-13-01', '2026-04-31', '0000-01-01', '26-01-01', '2026-1-01', '']) expect(isValidIsoDate(bad)).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow('not an ISO date');
  });

  it('knows the weekday, the lab\'s today and the earlier/later of two days', () => {
    expect(weekday('2026-11-27')).toBe(5);
    expect(labDate(new Date('2026-11-26T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-27');
    expect(labDate(new Date('2026-11-26T16:30:00Z'), 'UTC')).toBe('2026-11-26');
    expect(minDate('2026-01-02', '2025-12-31')).toBe('2025-12-31');
    expect(maxDate('2026-01-02', '2025-12-31')).toBe('2026-01-02');
    expect(minDate('2026-01-01', null)).toBe('2026-01-01');
    expect(maxDate(null, '2026-01-01')).toBe('2026-01-01');
    expect(minDate(null, null)).toBeNull();
  });
});
