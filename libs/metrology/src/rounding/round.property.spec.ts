import Decimal from 'decimal.js';
import fc from 'fast-check';
import { intervalDecimals, roundSig, roundToInterval } from './round';

/**
 * Invariants of GB/T 8170 rounding, checked on random decimals. The reference is an
 * independent implementation: decimal.js's toNearest with half-even, which divides, rounds the
 * quotient and multiplies back, a different route from the integer arithmetic under test.
 */
const D = Decimal.clone({ precision: 200 });

const decimalText = fc
  .tuple(fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }), fc.integer({ min: 0, max: 14 }))
  .map(([units, scale]) => new D(units.toString()).dividedBy(new D(10).pow(scale)).toFixed(scale));

const intervalText = fc
  .tuple(fc.constantFrom('1', '2', '5'), fc.integer({ min: -8, max: 6 }))
  .map(([d, n]) => new D(d).times(new D(10).pow(n)).toFixed(Math.max(0, -n)));

/** Values that sit exactly on a half step, where the half-even rule decides. */
const tie = fc
  .tuple(intervalText, fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }))
  .map(([interval, k]) => ({ interval, value: new D(k.toString()).plus(0.5).times(interval).toFixed() }));

const anyValue = fc.oneof(decimalText, tie.map((t) => t.value));
const settings = { numRuns: 500 };

describe('R-6.3.5 GB/T 8170 rounding invariants (property tests)', () => {
  it('agrees with decimal.js toNearest(interval, ROUND_HALF_EVEN)', () => {
    fc.assert(
      fc.property(anyValue, intervalText, (value, interval) => {
        const expected = new D(value).toNearest(interval, D.ROUND_HALF_EVEN).toFixed(intervalDecimals(interval));
        expect(roundToInterval(value, interval)).toBe(expected.replace(/^-(?=0\.?0*$)/, '')); // we never write "-0.0"
      }),
      settings,
    );
  });

  it('on an exact half step goes to the even multiple of the interval', () => {
    fc.assert(
      fc.property(tie, ({ value, interval }) => {
        const multiple = new D(roundToInterval(value, interval)).dividedBy(interval);
        expect(multiple.isInteger() && multiple.mod(2).isZero()).toBe(true);
      }),
      settings,
    );
  });

  it('gives a multiple of the interval within half an interval, with the interval’s decimals', () => {
    fc.assert(
      fc.property(anyValue, intervalText, (value, interval) => {
        const r = roundToInterval(value, interval);
        expect(new D(r).dividedBy(interval).isInteger()).toBe(true);
        expect(new D(r).minus(value).abs().lessThanOrEqualTo(new D(interval).dividedBy(2))).toBe(true);
        expect(r.includes('.') ? r.length - r.indexOf('.') - 1 : 0).toBe(intervalDecimals(interval));
      }),
      settings,
    );
  });

  it('rounds negatives by their absolute value: round(−x) = −round(x)', () => {
    fc.assert(
      fc.property(anyValue, intervalText, (value, interval) => {
        const negated = new D(value).negated().toFixed();
        expect(new D(roundToInterval(negated, interval)).equals(new D(roundToInterval(value, interval)).negated())).toBe(true);
      }),
      settings,
    );
  });

  it('is idempotent and monotonic', () => {
    fc.assert(
      fc.property(anyValue, anyValue, intervalText, (a, b, interval) => {
        const ra = roundToInterval(a, interval);
        expect(roundToInterval(ra, interval)).toBe(ra);
        const [lo, hi] = new D(a).lessThanOrEqualTo(b) ? [a, b] : [b, a];
        expect(new D(roundToInterval(lo, interval)).lessThanOrEqualTo(roundToInterval(hi, interval))).toBe(true);
      }),
      settings,
    );
  });

  it('equals the standard’s own 0.5-unit and 0.2-unit procedures (GB/T 8170 3.4)', () => {
    fc.assert(
      fc.property(anyValue, fc.integer({ min: -6, max: 4 }), (value, n) => {
        const unit = new D(10).pow(n + 1).toFixed(); // 10^(n+1)
        // 0.5 unit: round 2X to the unit, halve
        const viaDouble = new D(roundToInterval(new D(value).times(2).toFixed(), unit)).dividedBy(2);
        expect(new D(roundToInterval(value, new D(5).times(new D(10).pow(n)).toFixed())).equals(viaDouble)).toBe(true);
        // 0.2 unit: round 5X to the unit, divide by 5
        const viaFive = new D(roundToInterval(new D(value).times(5).toFixed(), unit)).dividedBy(5);
        expect(new D(roundToInterval(value, new D(2).times(new D(10).pow(n)).toFixed())).equals(viaFive)).toBe(true);
      }),
      settings,
    );
  });

  it('in mode "up" never moves towards zero and moves less than one interval', () => {
    fc.assert(
      fc.property(anyValue, intervalText, (value, interval) => {
        const r = new D(roundToInterval(value, interval, 'up')).abs();
        const x = new D(value).abs();
        expect(r.greaterThanOrEqualTo(x) && r.minus(x).lessThan(interval)).toBe(true);
      }),
      settings,
    );
  });

  it('to n significant figures keeps at most n figures and errs by at most half a unit of the last', () => {
    fc.assert(
      fc.property(decimalText.filter((v) => !new D(v).isZero()), fc.integer({ min: 1, max: 6 }), (value, digits) => {
        const r = roundSig(value, digits);
        expect(new D(r).precision(false)).toBeLessThanOrEqual(digits);
        const unit = new D(10).pow(new D(value).abs().log(10).floor().minus(digits - 1));
        expect(new D(r).minus(value).abs().lessThanOrEqualTo(unit.dividedBy(2))).toBe(true);
      }),
      settings,
    );
  });
});
