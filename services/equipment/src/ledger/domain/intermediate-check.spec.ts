import { evaluateIntermediateCheck, isValidAcceptance } from './intermediate-check';

describe('intermediate check', () => {
  const points = [
    { point: '20 °C', reference: '20.003', acceptance: '0±0.020', unit: '°C' },
    { point: '50 °C', reference: '49.998', acceptance: '0±0.030', unit: '°C' },
  ];

  it('R-5.5.3 passes when every deviation is within its acceptance criterion (limits included)', () => {
    const check = evaluateIntermediateCheck(points, { '20 °C': '20.023', '50 °C': '49.968' });
    expect(check.passed).toBe(true);
    expect(check.results.map((r) => r.deviation)).toEqual(['0.02', '-0.03']);
  });

  it('R-5.5.3 fails when one deviation is outside', () => {
    const check = evaluateIntermediateCheck(points, { '20 °C': '20.024', '50 °C': '49.998' });
    expect(check.passed).toBe(false);
    expect(check.results.map((r) => r.passed)).toEqual([false, true]);
  });

  it('refuses a missing reading and recognises unreadable criteria', () => {
    expect(() => evaluateIntermediateCheck(points, { '20 °C': '20' })).toThrow(/50 °C/);
    expect(isValidAcceptance('0±0.02')).toBe(true);
    expect(isValidAcceptance('about 0.02')).toBe(false);
  });
});
