import { ControllableClock, offsetClock, systemClock } from './clock';

describe('Clock', () => {
  it('a controllable clock moves only when told, and hands out copies', () => {
    const clock = new ControllableClock(new Date('2026-03-01T00:00:00Z'));
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-03-01T00:00:00.000Z');
    clock.advanceDays(2);
    clock.advanceSeconds(30);
    expect(clock.now().toISOString()).toBe('2026-03-03T00:00:30.000Z');
    clock.set('2027-01-01T08:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-01-01T08:00:00.000Z');
  });

  it('an offset clock runs ahead of the system clock by whole days; zero is the system clock', () => {
    expect(offsetClock(0)).toBe(systemClock);
    const ahead = offsetClock(3).now().getTime() - Date.now();
    expect(Math.round(ahead / 86_400_000)).toBe(3);
  });
});
