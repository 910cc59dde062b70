import { Dec } from '../decimal';
import { Xoshiro256StarStar } from '../mcm/xoshiro';
import { compileVectorised } from './compile';
import { evaluateDecimal, evaluateGradient, evaluateNumber } from './evaluate';
import { parseModel } from './parse';

/** Every operator and function, on inputs where all are defined. */
const KITCHEN_SINK =
  'a*b - c/a + a^2 + b^3 + c^-2 + b^c + sqrt(a) + exp(b) + log(c) + ln(a) + log10(b) + sin(a) + cos(b) + tan(c) + ' +
  'asin(c/4) + acos(c/4) + atan(a) + sinh(b) + cosh(c) + tanh(a) + abs(-b) + pow(a, c) + atan2(b, a) + pi*(-a)';
const NAMES = ['a', 'b', 'c'];

describe('R-6.3.5 model evaluation: values, sensitivity coefficients, Monte Carlo compilation', () => {
  const model = parseModel(KITCHEN_SINK, NAMES);
  const rng = new Xoshiro256StarStar(3);
  const points = Array.from({ length: 50 }, () => [0.5 + rng.uniform(), 0.5 + rng.uniform(), 0.5 + rng.uniform()]);

  it('gives sensitivity coefficients equal to central differences (JJF 1059.1 §4.4.2)', () => {
    for (const x of points) {
      const { value, gradient } = evaluateGradient(model, x);
      expect(value).toBe(evaluateNumber(model, x));
      for (let i = 0; i < 3; i++) {
        const h = 1e-5 * x[i];
        const up = [...x];
        const down = [...x];
        up[i] += h;
        down[i] -= h;
        const numeric = (evaluateNumber(model, up) - evaluateNumber(model, down)) / (2 * h);
        expect(Math.abs(gradient[i] - numeric)).toBeLessThan(1e-7 * Math.max(1, Math.abs(numeric)));
      }
    }
  });

  it('gives exact sensitivity coefficients for a polynomial', () => {
    const { gradient } = evaluateGradient(parseModel('3*x^2*y - y^3 + 2', ['x', 'y']), [2, 3]);
    expect(Array.from(gradient)).toEqual([2 * 3 * 2 * 3, 3 * 4 - 3 * 9]);
  });

  it('keeps the relative accuracy of small derivatives (found by the GTC cross-check)', () => {
    const tanh = evaluateGradient(parseModel('tanh(x)', ['x']), [9]).gradient[0];
    expect(Math.abs(tanh * Math.cosh(9) ** 2 - 1)).toBeLessThan(1e-14); // 1 − tanh² would lose 8 digits here
    const a = 1 - 1e-9;
    const d = 1 - a; // exact (Sterbenz); 1 − a² would carry an error of 1e-16 in 2e-9
    const asin = evaluateGradient(parseModel('asin(x)', ['x']), [a]).gradient[0];
    expect(Math.abs(asin * Math.sqrt(d * (2 - d)) - 1)).toBeLessThan(1e-14);
  });

  it('differentiates (−2)^2 without taking a logarithm of the negative base', () => {
    expect(Array.from(evaluateGradient(parseModel('x^2', ['x']), [-2]).gradient)).toEqual([-4]);
  });

  it('evaluates in decimals exactly where doubles cannot (0.1 + 0.2 = 0.3)', () => {
    expect(evaluateDecimal(parseModel('x + y', ['x', 'y']), [new Dec('0.1'), new Dec('0.2')]).toString()).toBe('0.3');
    expect(evaluateNumber(parseModel('x + y', ['x', 'y']), [0.1, 0.2])).not.toBe(0.3);
  });

  it('evaluates every function in decimals to the same value as in doubles', () => {
    for (const x of points.slice(0, 10)) {
      const d = evaluateDecimal(model, x.map((v) => new Dec(v))).toNumber();
      expect(Math.abs(d - evaluateNumber(model, x))).toBeLessThan(1e-12 * Math.abs(d));
    }
  });

  it('refuses a model undefined at the estimates', () => {
    expect(() => evaluateDecimal(parseModel('sqrt(x)', ['x']), [new Dec(-1)])).toThrow(/undefined at the input estimates/);
  });

  it('compiles to a vectorised loop that matches the tree evaluation exactly', () => {
    const compiled = compileVectorised(model);
    const columns = NAMES.map((_, i) => Float64Array.from(points, (p) => p[i]));
    const out = new Float64Array(points.length);
    compiled(columns, out, points.length);
    points.forEach((x, k) => expect(Math.abs(out[k] - evaluateNumber(model, x))).toBeLessThanOrEqual(1e-13 * Math.abs(out[k])));
  });
});
