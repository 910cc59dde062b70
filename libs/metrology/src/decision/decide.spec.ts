import { MetrologyError } from '../errors';
import { normalCdf, normalSf } from '../stats/normal';
import { probabilityOfConformance } from './conformance';
import { decide } from './decide';

// ILAC-G8:09/2019 §4 and JJF 1094 decision rules (R-6.4.2.3): tolerance 10.00 ± 0.05, U = 0.03 (k = 2).
const base = { U: '0.03', limit: '10.00±0.05' } as const;

describe('R-6.4.2.3 decision rules, ILAC-G8:09/2019', () => {
  it('answers the issue example: 10.02 ± 0.03 against 10.00 ± 0.05, guarded → pass', () => {
    const r = decide({ ...base, value: '10.02', rule: 'guarded' });
    expect(r.decision).toBe('pass');
    expect(Number(r.pConform)).toBeCloseTo(normalCdf(2) - normalCdf(-14 / 3), 13);
  });

  it('§4.2.1 simple acceptance (w = 0): a result on the limit passes, with only 50 % probability of conformance', () => {
    const r = decide({ ...base, value: '10.05', rule: 'simple' });
    expect(r).toEqual({ decision: 'pass', pConform: expect.any(String) });
    expect(Number(r.pConform)).toBeCloseTo(0.5, 6);
    expect(decide({ ...base, value: '10.051', rule: 'simple' }).decision).toBe('fail');
  });

  it('§4.2.2 guarded acceptance with w = U: a result on the acceptance limit has ≤ 2.5 % risk of false acceptance', () => {
    const onLimit = decide({ ...base, value: '10.02', rule: 'guarded' });
    expect(onLimit.decision).toBe('pass');
    expect(1 - Number(onLimit.pConform)).toBeLessThanOrEqual(0.025);
    expect(decide({ ...base, value: '10.021', rule: 'guarded' }).decision).toBe('fail');
    expect(decide({ ...base, value: '9.98', rule: 'guarded' }).decision).toBe('pass');
    expect(decide({ ...base, value: '9.979', rule: 'guarded' }).decision).toBe('fail');
  });

  it('§4.2.2 guarded acceptance with a stated guard band w', () => {
    expect(decide({ ...base, value: '10.035', rule: 'guarded', w: '0.015' }).decision).toBe('pass');
    expect(decide({ ...base, value: '10.036', rule: 'guarded', w: '0.015' }).decision).toBe('fail');
  });

  it.each`
    value       | decision
    ${'10.00'}  | ${'pass'}
    ${'10.02'}  | ${'pass'}
    ${'10.03'}  | ${'conditional-pass'}
    ${'10.05'}  | ${'conditional-pass'}
    ${'10.06'}  | ${'conditional-fail'}
    ${'10.08'}  | ${'conditional-fail'}
    ${'10.081'} | ${'fail'}
    ${'9.97'}   | ${'conditional-pass'}
    ${'9.93'}   | ${'conditional-fail'}
    ${'9.91'}   | ${'fail'}
  `('§4.2.3 non-binary (fig. 5): $value → $decision', ({ value, decision }) => {
    expect(decide({ ...base, value, rule: 'non-binary' }).decision).toBe(decision);
  });

  it('handles one-sided limits', () => {
    expect(decide({ value: '4.9', U: '0.2', limit: '<=5.0', rule: 'simple' }).decision).toBe('pass');
    expect(decide({ value: '4.9', U: '0.2', limit: '<=5.0', rule: 'guarded' }).decision).toBe('fail');
    expect(decide({ value: '4.8', U: '0.2', limit: '<=5.0', rule: 'guarded' }).decision).toBe('pass');
    expect(decide({ value: '5.1', U: '0.2', limit: '<=5.0', rule: 'non-binary' }).decision).toBe('conditional-fail');
    expect(Number(decide({ value: '4.9', U: '0.2', limit: '<=5.0', rule: 'simple' }).pConform)).toBeCloseTo(normalCdf(1), 13);
  });

  it('uses the stated coverage factor to recover u', () => {
    const r = decide({ ...base, value: '10.02', rule: 'simple', k: '3' });
    expect(Number(r.pConform)).toBeCloseTo(normalCdf(3) - normalCdf(-7), 13);
  });

  it('refuses unknown rules and negative U or w', () => {
    expect(() => decide({ ...base, value: '10', rule: 'lenient' as never })).toThrow(MetrologyError);
    expect(() => decide({ ...base, value: '10', U: '-0.1', rule: 'simple' })).toThrow(/U/);
    expect(() => decide({ ...base, value: '10', rule: 'guarded', w: '-0.1' })).toThrow(/guard band/);
  });
});

describe('R-6.4.2.3 probability of conformance for a normal result (JCGM 106 §7.3)', () => {
  it('is 2Φ(2) − 1 for a result centred in a ±2u tolerance', () => {
    expect(probabilityOfConformance(0, 1, -2, 2)).toBeCloseTo(2 * normalCdf(2) - 1, 15);
  });

  it('keeps tiny probabilities far outside and far inside the limits', () => {
    expect(probabilityOfConformance(10.5, 0.05, null, 10)).toBe(normalCdf(-10));
    expect(probabilityOfConformance(0, 1, -9, 20)).toBe(1 - normalCdf(-9)); // both tails computed as tails
    expect(probabilityOfConformance(0, 1, 8, 9) / (normalSf(8) - normalSf(9))).toBeCloseTo(1, 14);
  });

  it('is 0 or 1 for a result without uncertainty', () => {
    expect(probabilityOfConformance(1, 0, 0, 2)).toBe(1);
    expect(probabilityOfConformance(3, 0, 0, 2)).toBe(0);
  });
});
