import Decimal from 'decimal.js';
import { MetrologyError } from '../errors';
import { intervalDecimals, roundSig, roundSigDetailed, roundToInterval } from './round';

// Worked examples printed in GB/T 8170-2008 clause 3. The standard writes some results
// as "13×10²"; as decimal strings these are "1300".
describe('R-6.3.5 GB/T 8170-2008 rounding to an interval', () => {
  it.each`
    clause     | value        | interval   | expected
    ${'3.2.1'} | ${'12.1498'} | ${'1'}     | ${'12'}
    ${'3.2.1'} | ${'12.1498'} | ${'0.1'}   | ${'12.1'}
    ${'3.2.2'} | ${'1268'}    | ${'100'}   | ${'1300'}
    ${'3.2.3'} | ${'10.5002'} | ${'1'}     | ${'11'}
    ${'3.2.4'} | ${'1.050'}   | ${'0.1'}   | ${'1.0'}
    ${'3.2.4'} | ${'0.35'}    | ${'0.1'}   | ${'0.4'}
    ${'3.2.4'} | ${'2500'}    | ${'1000'}  | ${'2000'}
    ${'3.2.4'} | ${'3500'}    | ${'1000'}  | ${'4000'}
    ${'3.2.5'} | ${'-355'}    | ${'10'}    | ${'-360'}
    ${'3.2.5'} | ${'-325'}    | ${'10'}    | ${'-320'}
    ${'3.2.5'} | ${'-0.0365'} | ${'0.001'} | ${'-0.036'}
    ${'3.3'}   | ${'15.4546'} | ${'1'}     | ${'15'}
    ${'3.4.1'} | ${'60.25'}   | ${'0.5'}   | ${'60.0'}
    ${'3.4.1'} | ${'60.38'}   | ${'0.5'}   | ${'60.5'}
    ${'3.4.1'} | ${'60.28'}   | ${'0.5'}   | ${'60.5'}
    ${'3.4.1'} | ${'-60.75'}  | ${'0.5'}   | ${'-61.0'}
    ${'3.4.2'} | ${'830'}     | ${'20'}    | ${'840'}
    ${'3.4.2'} | ${'842'}     | ${'20'}    | ${'840'}
    ${'3.4.2'} | ${'832'}     | ${'20'}    | ${'840'}
    ${'3.4.2'} | ${'-930'}    | ${'20'}    | ${'-920'}
  `('clause $clause: $value to $interval is $expected', ({ value, interval, expected }) => {
    expect(roundToInterval(value, interval)).toBe(expected);
  });

  it('keeps the decimal places of the interval, adding zeros where needed', () => {
    expect(roundToInterval('60', '0.5')).toBe('60.0');
    expect(roundToInterval('7', '0.01')).toBe('7.00');
    expect(roundToInterval('0.004', '0.1')).toBe('0.0');
    expect(roundToInterval('12.1498', '0.10')).toBe('12.1'); // 0.10 is the interval 0.1
    expect(intervalDecimals('0.5')).toBe(1);
    expect(intervalDecimals('20')).toBe(0);
  });

  it('rounds in one step only (3.3): 15.4546 is never taken via 15.455, 15.46, 15.5 to 16', () => {
    expect(roundToInterval('15.4546', '1')).toBe('15');
    expect(roundToInterval('15.4546', '0.01')).toBe('15.45');
  });

  it('never writes a negative zero', () => {
    expect(roundToInterval('-0.04', '0.1')).toBe('0.0');
    expect(roundToInterval('-0.05', '0.1')).toBe('0.0');
    expect(roundToInterval('-0.0500001', '0.1')).toBe('-0.1');
  });

  it('is exact beyond the 15 digits a double holds', () => {
    expect(roundToInterval('123456789012345678901.5', '1')).toBe('123456789012345678902');
    expect(roundToInterval('123456789012345678902.5', '1')).toBe('123456789012345678902');
    expect(roundToInterval('0.10000000000000000000000000000005', '0.1')).toBe('0.1');
    expect(roundToInterval('1.25e-30', '1e-31')).toBe('0.0000000000000000000000000000012');
  });

  it('accepts exponent notation, a leading plus and Decimal instances', () => {
    expect(roundToInterval('1.2345e2', '0.1')).toBe('123.4');
    expect(roundToInterval('+2.45', '0.1')).toBe('2.4');
    expect(roundToInterval(new Decimal('2.55'), '0.1')).toBe('2.6');
  });

  it('rounds only away from zero in mode "up", and leaves exact values alone', () => {
    expect(roundToInterval('0.0000931', '0.000001', 'up')).toBe('0.000094');
    expect(roundToInterval('-0.0000931', '0.000001', 'up')).toBe('-0.000094');
    expect(roundToInterval('0.0000930', '0.000001', 'up')).toBe('0.000093');
  });

  it('refuses intervals other than 1, 2 or 5 × 10^n and values that are not decimals', () => {
    expect(() => roundToInterval('1.23', '0.3')).toThrow(MetrologyError);
    expect(() => roundToInterval('1.23', '-0.1')).toThrow(/interval/);
    expect(() => roundToInterval('1.23', '0')).toThrow(/interval/);
    expect(() => roundToInterval('12,5', '0.1')).toThrow(/not a decimal/);
    expect(() => roundToInterval('', '0.1')).toThrow(/not a decimal/);
    expect(() => roundToInterval('.', '0.1')).toThrow(/not a decimal/);
    expect(() => roundToInterval('--1', '0.1')).toThrow(/not a decimal/);
    expect(() => roundToInterval('1e5.5', '0.1')).toThrow(/not a decimal/);
    expect(() => roundToInterval('1.2.3', '0.1')).toThrow(/not a decimal/);
    expect(roundToInterval(' 2.45 ', '0.1')).toBe('2.4');
    expect(roundToInterval('3.', '1')).toBe('3');
  });
});

describe('R-6.3.5 rounding to significant figures', () => {
  it.each`
    value          | digits | expected
    ${'0.012351'}  | ${2}   | ${'0.012'}
    ${'0.0000932'} | ${2}   | ${'0.000093'}
    ${'1234.5'}    | ${2}   | ${'1200'}
    ${'0.0125'}    | ${2}   | ${'0.012'}
    ${'0.0135'}    | ${2}   | ${'0.014'}
    ${'-0.012351'} | ${3}   | ${'-0.0124'}
    ${'9.96'}      | ${2}   | ${'10'}
    ${'0.0996'}    | ${2}   | ${'0.10'}
    ${'99.5'}      | ${1}   | ${'100'}
    ${'2.0'}       | ${3}   | ${'2.00'}
  `('$value to $digits figures is $expected', ({ value, digits, expected }) => {
    expect(roundSig(value, digits)).toBe(expected);
  });

  it('reports the place of the last kept digit, which the result value is rounded to', () => {
    expect(roundSigDetailed('0.0000932', 2)).toEqual({ text: '0.000093', exponent: -6 });
    expect(roundSigDetailed('0.0996', 2)).toEqual({ text: '0.10', exponent: -2 });
    expect(roundSigDetailed('1234', 2)).toEqual({ text: '1200', exponent: 2 });
  });

  it('rounds up when asked', () => {
    expect(roundSig('0.0000932', 2, 'up')).toBe('0.000094');
    expect(roundSig('0.0991', 2, 'up')).toBe('0.10');
  });

  it('refuses a digit count that is not a positive integer', () => {
    expect(() => roundSig('1.5', 0)).toThrow(MetrologyError);
    expect(() => roundSig('1.5', 1.5)).toThrow(MetrologyError);
  });
});
