import { loadIntakeSettings } from './intake-settings';

describe('intake settings', () => {
  it('has defaults for every setting', () => {
    const s = loadIntakeSettings({});
    expect(s.INTAKE_TIME_ZONE).toBe('Asia/Shanghai');
    expect(s.INTAKE_AT_RISK_WORKING_DAYS).toBe(1);
    expect(s.INTAKE_CLOCK_OFFSET_DAYS).toBe(0);
  });

  it('refuses an unknown time zone, naming the variable', () => {
    expect(() => loadIntakeSettings({ INTAKE_TIME_ZONE: 'Mars/Olympus' })).toThrow(/INTAKE_TIME_ZONE/);
  });

  it('refuses a clock offset outside tests', () => {
    expect(() => loadIntakeSettings({ INTAKE_CLOCK_OFFSET_DAYS: '3', NODE_ENV: 'production' })).toThrow(/INTAKE_CLOCK_OFFSET_DAYS/);
    expect(loadIntakeSettings({ INTAKE_CLOCK_OFFSET_DAYS: '3', NODE_ENV: 'test' }).INTAKE_CLOCK_OFFSET_DAYS).toBe(3);
  });
});
