import { mcm, type McmSpec } from './mcm';

const SQRT3 = Math.sqrt(3);
const normal = (name: string) => ({ name, dist: 'normal' as const, mean: '0', sd: '1' });
const rectangular = (name: string, halfWidth: number) => ({ name, dist: 'rectangular' as const, a: String(-halfWidth), b: String(halfWidth) });
const ADDITIVE = 'X1 + X2 + X3 + X4';

/**
 * GUM Supplement 1 (JCGM 101:2008) §9.2, the additive model Y = X1 + X2 + X3 + X4, 10⁶ trials
 * . Where the distribution of Y is known exactly, the exact value is the reference.
 */
describe('R-6.3.5 JJF 1059.2 Monte Carlo, GUM-S1 §9.2 additive model', () => {
  it('9.2.2, normal inputs N(0,1): y = 0, u(y) = 2, 95 % interval ±3.92', () => {
    const r = mcm({ model: ADDITIVE, inputs: ['X1', 'X2', 'X3', 'X4'].map(normal), trials: 1e6, seed: 1 });
    expect(Math.abs(r.values.y)).toBeLessThan(0.01);
    expect(Math.abs(r.values.u - 2)).toBeLessThan(0.005);
    // the width of the shortest interval is sharp; its position wanders more, so the end points
    // are held to the numerical tolerance δ = 0.05 of u = 2.0 (GUM-S1 7.9.2, ndig = 2)
    expect(Math.abs(r.values.high - r.values.low - 4 * 1.959964)).toBeLessThan(0.01);
    expect(Math.abs(r.values.low + 2 * 1.959964)).toBeLessThan(0.05);
    expect(Math.abs(r.values.high - 2 * 1.959964)).toBeLessThan(0.05);
  });

  it('9.2.3, rectangular inputs R(−√3, √3): u(y) = 2, shortest 95 % interval ±3.88 (not the GUM’s ±3.92)', () => {
    const r = mcm({ model: ADDITIVE, inputs: ['X1', 'X2', 'X3', 'X4'].map((n) => rectangular(n, SQRT3)), trials: 1e6, seed: 2 });
    // exact: Y = 2√3 (S − 2), S Irwin–Hall(4); P(S > 3.1199) = (4 − s)⁴/24 = 0.025
    const exact = 2 * SQRT3 * (2 - 0.6 ** 0.25);
    expect(Math.abs(r.values.u - 2)).toBeLessThan(0.005);
    expect(Math.abs(r.values.high - r.values.low - 2 * exact)).toBeLessThan(0.01);
    expect(Math.abs(r.values.high - exact)).toBeLessThan(0.05);
    expect(Math.abs(r.values.low + exact)).toBeLessThan(0.05);
  });

  it('9.2.4, three R(−√3, √3) and one R(−10√3, 10√3): u(y) = 10.2, interval ±17.0 (the GUM says ±19.9)', () => {
    const inputs = [rectangular('X1', SQRT3), rectangular('X2', SQRT3), rectangular('X3', SQRT3), rectangular('X4', 10 * SQRT3)];
    const r = mcm({ model: ADDITIVE, inputs, trials: 1e6, seed: 3, coverage: 'symmetric' });
    expect(Math.abs(r.values.u - Math.sqrt(103))).toBeLessThan(0.03);
    expect(Math.abs(r.values.high - 17.0)).toBeLessThan(0.05);
    expect(Math.abs(r.values.low + 17.0)).toBeLessThan(0.05);
  });
});

describe('R-6.3.5 Monte Carlo run', () => {
  const spec: McmSpec = { model: 'a * b', inputs: [{ ...normal('a'), mean: '2' }, rectangular('b', 1)], trials: 20000, seed: 5 };

  it('is reproducible from its seed, and another seed gives another sample', () => {
    expect(mcm(spec)).toEqual(mcm(spec));
    expect(mcm({ ...spec, seed: 6 }).y).not.toBe(mcm(spec).y);
  });

  it('returns decimal strings for y, u and the interval', () => {
    const r = mcm(spec);
    for (const key of ['y', 'u', 'low', 'high'] as const) expect(r[key]).toMatch(/^-?\d+(\.\d+)?$/);
    expect(Number(r.low)).toBeLessThan(Number(r.high));
  });

  it('draws correlated normal inputs through a Cholesky factor (GUM-S1 6.4.8)', () => {
    const inputs = [normal('a'), normal('b')];
    const plus = mcm({ model: 'a + b', inputs, correlations: [{ a: 'a', b: 'b', r: '0.5' }], trials: 200000, seed: 8 });
    const minus = mcm({ model: 'a - b', inputs, correlations: [{ a: 'a', b: 'b', r: '0.5' }], trials: 200000, seed: 8 });
    expect(Math.abs(plus.values.u - Math.sqrt(3))).toBeLessThan(0.015);
    expect(Math.abs(minus.values.u - 1)).toBeLessThan(0.01);
  });

  it('refuses correlations of non-normal inputs, undefined model values and bad trial counts', () => {
    expect(() => mcm({ ...spec, correlations: [{ a: 'a', b: 'b', r: '0.5' }] })).toThrow(/normal inputs only/);
    expect(() => mcm({ model: 'sqrt(a)', inputs: [normal('a')], trials: 1000 })).toThrow(/non-finite/);
    expect(() => mcm({ ...spec, trials: 10 })).toThrow(/trials/);
  });
});
