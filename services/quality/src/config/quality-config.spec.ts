import { randomBytes } from 'node:crypto';
import { loadQualityConfig } from './quality-config';

describe('quality configuration', () => {
  const key = randomBytes(32).toString('base64');

  it('fails fast without QUALITY_DATA_KEY, naming the variable', () => {
    expect(() => loadQualityConfig({})).toThrow(/QUALITY_DATA_KEY/);
  });

  it('refuses a key that is not 32 bytes of base64, without echoing the value', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => loadQualityConfig({ QUALITY_DATA_KEY: short })).toThrow(/exactly 32 bytes/);
    try {
      loadQualityConfig({ QUALITY_DATA_KEY: short });
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
    }
  });

  it('accepts a valid key and applies defaults', () => {
    const config = loadQualityConfig({ QUALITY_DATA_KEY: key });
    expect(config.QUALITY_TIME_ZONE).toBe('Asia/Shanghai');
    expect(config.QUALITY_DEFAULT_COMPLAINT_DAYS).toBe(30);
  });

  it('refuses an unknown time zone', () => {
    expect(() => loadQualityConfig({ QUALITY_DATA_KEY: key, QUALITY_TIME_ZONE: 'Mars/Olympus' })).toThrow(/QUALITY_TIME_ZONE/);
  });
});
