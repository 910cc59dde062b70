import { addDays, addYears, ageOn, dayIn, isValidIsoDate } from './calendar';

describe('lab calendar', () => {
  it('takes the day in the lab time zone, not UTC', () => {
    // 2026-03-01 17:30 UTC is already 2 March in Shanghai (UTC+8).
    expect(dayIn(new Date('2026-03-01T17:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
    expect(dayIn(new Date('2026-03-01T17:30:00Z'), 'UTC')).toBe('2026-03-01');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('puts the anniversary of 29 February on 28 February in common years', () => {
    expect(addYears('1964-02-29', 65)).toBe('2029-02-28');
    expect(addYears('1964-02-29', 64)).toBe('2028-02-29');
  });

  it('counts completed years', () => {
    expect(ageOn('1961-06-15', '2026-06-14')).toBe(64);
    expect(ageOn('1961-06-15', '2026-06-15')).toBe(65);
    expect(ageOn('1961-06-15', '2027-06-14')).toBe(65);
  });

  it('validates real dates only', () => {
    expect(isValidIsoDate('2026-02-29')).toBe(false);
    expect(isValidIsoDate('2028-02-29')).toBe(true);
  });
});
