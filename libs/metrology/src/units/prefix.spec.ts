import { rescaleToUnit } from './prefix';

describe('rescaleToUnit — an uncertainty in another SI-prefixed unit than its result (R-6.4.2.3)', () => {
  it('shifts the decimal point exactly between µm and mm, keeping every digit', () => {
    expect(rescaleToUnit('0.80', 'µm', 'mm')).toBe('0.0008');
    expect(rescaleToUnit('0.0008', 'mm', 'µm')).toBe('0.8');
    expect(rescaleToUnit('12.345', 'μm', 'm')).toBe('0.000012345');
  });

  it('reads the ASCII "u" and the Greek mu alike, and kilo/mega prefixes', () => {
    expect(rescaleToUnit('3', 'uV', 'mV')).toBe('0.003');
    expect(rescaleToUnit('1.5', 'kPa', 'Pa')).toBe('1500');
    expect(rescaleToUnit('2', 'MHz', 'kHz')).toBe('2000');
  });

  it('returns the value unchanged for the same unit, even one it does not know', () => {
    expect(rescaleToUnit('0.05', '%RH', '%RH')).toBe('0.05');
  });

  it('refuses (null) units that are not the same base: no silent conversion', () => {
    expect(rescaleToUnit('1', 'mm', 'mV')).toBeNull();
    expect(rescaleToUnit('1', '℃', 'K')).toBeNull();
    expect(rescaleToUnit('1', '%', 'mm')).toBeNull();
  });
});
