import { mcmAdaptive, numericalTolerance } from './adaptive';
import { validateGum } from './validate';

const SQRT3 = Math.sqrt(3);
const normal = (name: string) => ({ name, dist: 'normal' as const, mean: '0', sd: '1' });
const rectangular = (name: string, halfWidth: number) => ({ name, dist: 'rectangular' as const, a: String(-halfWidth), b: String(halfWidth) });

describe('R-6.3.5 GUM-S1 7.9 adaptive Monte Carlo procedure', () => {
  it.each`
    u               | ndig | delta
    ${0.028}        | ${2} | ${0.0005}
    ${2.0}          | ${2} | ${0.05}
    ${10.15}        | ${2} | ${0.5}
    ${0.00099996}   | ${2} | ${0.00005}
    ${2.0}          | ${1} | ${0.5}
  `('numerical tolerance of u = $u with ndig = $ndig is $delta (7.9.2)', ({ u, ndig, delta }) => {
    expect(numericalTolerance(u, ndig)).toBeCloseTo(delta, 15);
  });

  it('adds runs of 10⁴ trials until y, u, y_low and y_high are stable to δ', () => {
    const r = mcmAdaptive({ model: 'X1 + X2 + X3 + X4', inputs: ['X1', 'X2', 'X3', 'X4'].map(normal), seed: 4 });
    expect(r.converged).toBe(true);
    expect(r.tolerance).toBe(0.05);
    expect(r.trials % 10000).toBe(0);
    expect(r.trials).toBeGreaterThanOrEqual(20000);
    // 2s ≤ δ bounds the standard deviation of the pooled results by δ/2: they lie within 3s of the
    // exact values u = 2, y_high = 2 × 1.959964
    expect(Math.abs(r.values.u - 2)).toBeLessThan(1.5 * r.tolerance);
    expect(Math.abs(r.values.high - 3.919928)).toBeLessThan(1.5 * r.tolerance);
    expect(Math.abs(r.values.low + 3.919928)).toBeLessThan(1.5 * r.tolerance);
  });

  it('stops at maxTrials and says it did not converge', () => {
    const r = mcmAdaptive({ model: 'X1', inputs: [normal('X1')], seed: 4 }, { ndig: 4, maxTrials: 30000 });
    expect(r.converged).toBe(false);
    expect(r.trials).toBe(30000);
  });
});

// GUM-S1 §8 and §9.2: the GUM framework is validated for normal inputs, not for a sum dominated by
// one rectangular input.
describe('R-6.3.5 validation of the GUM framework by Monte Carlo (GUM-S1 §8)', () => {
  it('validates the GUM result for 9.2.2 (normal inputs)', () => {
    const v = validateGum({ model: 'X1 + X2 + X3 + X4', inputs: ['X1', 'X2', 'X3', 'X4'].map(normal), trials: 2e6, seed: 1 });
    expect(v.delta).toBe('0.05');
    expect(v.validated).toBe(true);
  });

  it('does not validate it for 9.2.4 (one dominant rectangular input): d ≈ 2.9 > δ = 0.5', () => {
    const inputs = [rectangular('X1', SQRT3), rectangular('X2', SQRT3), rectangular('X3', SQRT3), rectangular('X4', 10 * SQRT3)];
    const v = validateGum({ model: 'X1 + X2 + X3 + X4', inputs, trials: 200000, seed: 1, coverage: 'symmetric' });
    expect(v.delta).toBe('0.5');
    expect(v.validated).toBe(false);
    expect(Number(v.dLow)).toBeGreaterThan(2.5);
    expect(Number(v.gum.U)).toBeCloseTo(1.959964 * Math.sqrt(103), 3);
  });
});
