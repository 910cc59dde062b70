import { compareDecimal, linePrice, sumMoney } from './money';

describe('money (decimal strings, GB/T 8170 rounding to 0.01)', () => {
  it('multiplies a unit price by the quantity exactly', () => {
    expect(linePrice('120.00', 3)).toBe('360.00');
    expect(linePrice('0.10', 3)).toBe('0.30'); // 0.1 * 3 in binary floating point is 0.30000000000000004
  });

  it('rounds half to even at the fen', () => {
    expect(linePrice('0.125', 1)).toBe('0.12');
    expect(linePrice('0.135', 1)).toBe('0.14');
  });

  it('sums amounts exactly', () => {
    expect(sumMoney(['0.10', '0.20', '100.05'])).toBe('100.35');
    expect(sumMoney([])).toBe('0.00');
  });

  it('compares decimals without floats', () => {
    expect(compareDecimal('50.000', '50')).toBe(0);
    expect(compareDecimal('0.0000001', '0.00000009')).toBe(1);
    expect(compareDecimal('-1', '0')).toBe(-1);
  });
});
