import { MetrologyError } from '../errors';
import { enNumber, zetaScore, zScore } from './scores';

// ISO 13528:2015 §9 performance statistics for comparisons and PT; an unsatisfactory
// score is suspicious data to be re-measured.
describe('R-5.5.2 En numbers (ISO 13528 §9.7)', () => {
  it('is satisfactory exactly on |En| = 1, not just beyond', () => {
    expect(enNumber('10.5', '0.4', '10.0', '0.3')).toEqual({ en: '1', satisfactory: true });
    expect(enNumber('10.5000001', '0.4', '10.0', '0.3').satisfactory).toBe(false);
    expect(enNumber('9.5', '0.4', '10.0', '0.3')).toEqual({ en: '-1', satisfactory: true });
  });

  it('R-8.2: flags |En| > 1 as suspicious', () => {
    expect(enNumber('100.12', '0.05', '100.00', '0.05')).toEqual({ en: '1.6970562748477140586', satisfactory: false });
  });

  it('needs some uncertainty', () => {
    expect(() => enNumber('1', '0', '1', '0')).toThrow(MetrologyError);
  });
});

describe('R-5.5.2 z, z′ and ζ scores (ISO 13528 §9.4–9.6)', () => {
  it.each`
    x        | z        | klass
    ${'12'}  | ${'2'}   | ${'satisfactory'}
    ${'8'}   | ${'-2'}  | ${'satisfactory'}
    ${'12.5'}| ${'2.5'} | ${'questionable'}
    ${'13'}  | ${'3'}   | ${'unsatisfactory'}
    ${'6.9'} | ${'-3.1'}| ${'unsatisfactory'}
  `('z of $x against 10 with σ_pt = 1 is $z, $klass', ({ x, z, klass }) => {
    expect(zScore(x, '10', '1')).toEqual({ z, class: klass });
  });

  it('z′ adds the uncertainty of the assigned value (§9.5)', () => {
    expect(zScore('13', '10', '1.2', '0.9')).toEqual({ z: '2', class: 'satisfactory' });
  });

  it('ζ uses both uncertainties (§9.6)', () => {
    expect(zetaScore('10.5', '0.3', '10.0', '0.4')).toEqual({ zeta: '1', class: 'satisfactory' });
    expect(zetaScore('11.5', '0.3', '10.0', '0.4')).toEqual({ zeta: '3', class: 'unsatisfactory' });
  });

  it('refuses σ_pt = 0 and negative uncertainties', () => {
    expect(() => zScore('1', '1', '0')).toThrow(/sigma/);
    expect(() => zetaScore('1', '-0.1', '1', '0.1')).toThrow(/negative/);
  });
});
