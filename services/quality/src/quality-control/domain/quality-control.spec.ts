import { RuleViolation } from '../../shared/domain/rule-violation';
import { consequenceOf, evaluateResult } from './proficiency';
import { establishLimits, rulesViolatedByLast } from './western-electric';

const limits = { centre: '10.000', sigma: '0.010' };
const fire = (values: string[]) => rulesViolatedByLast(values, limits);

describe('Western Electric rules on a check-standard chart (R-5.5.1)', () => {
  it('WE1: one point beyond 3σ, and not exactly on it', () => {
    expect(fire(['10.031'])).toEqual(['WE1']);
    expect(fire(['9.969'])).toEqual(['WE1']);
    expect(fire(['10.030'])).toEqual([]);
  });

  it('WE2: two of three beyond 2σ on the same side', () => {
    expect(fire(['10.021', '10.000', '10.025'])).toEqual(['WE2']);
    expect(fire(['9.979', '10.000', '10.025'])).toEqual([]);
    expect(fire(['10.021', '10.000', '10.005'])).toEqual([]);
  });

  it('WE3: four of five beyond 1σ on the same side', () => {
    expect(fire(['10.011', '10.012', '10.000', '10.015', '10.013'])).toEqual(['WE3']);
    expect(fire(['10.011', '9.988', '10.000', '10.015', '10.013'])).toEqual([]);
  });

  it('WE4: eight in a row on one side of the centre line', () => {
    const seven = ['10.001', '10.002', '10.001', '10.003', '10.001', '10.002', '10.001'];
    expect(fire(seven)).toEqual([]);
    expect(fire([...seven, '10.004'])).toEqual(['WE4']);
    expect(fire([...seven, '10.000'])).toEqual([]);
  });

  it('is quiet for an in-control series', () => {
    expect(fire(['10.001', '9.998', '10.004', '9.996', '10.002', '9.999', '10.005', '9.994'])).toEqual([]);
  });

  it('establishes limits from at least 20 results, in decimal', () => {
    const baseline = Array.from({ length: 20 }, (_, i) => (i % 2 ? '10.01' : '9.99'));
    const established = establishLimits(baseline);
    expect(established.centre).toBe('10');
    // σ = 0.01·√(20/19), to 20 significant digits
    expect(established.sigma).toBe('0.010259783520851540955');
    expect(() => establishLimits(baseline.slice(0, 19))).toThrow(RuleViolation);
  });
});

describe('proficiency testing scores through @calchain/metrology (R-5.5.2)', () => {
  it('En: |En| ≤ 1 satisfactory, on the boundary too; otherwise unsatisfactory', () => {
    expect(evaluateResult('En', { labValue: '100.3', labUncertainty: '0.3', assignedValue: '100.0', assignedUncertainty: '0.4', sigmaPt: null }))
      .toEqual({ score: '0.6', classification: 'satisfactory' });
    expect(evaluateResult('En', { labValue: '100.5', labUncertainty: '0.3', assignedValue: '100.0', assignedUncertainty: '0.4', sigmaPt: null }))
      .toEqual({ score: '1', classification: 'satisfactory' });
    expect(evaluateResult('En', { labValue: '100.9', labUncertainty: '0.3', assignedValue: '100.0', assignedUncertainty: '0.4', sigmaPt: null }))
      .toEqual({ score: '1.8', classification: 'unsatisfactory' });
  });

  it('z and ζ: questionable between 2 and 3, unsatisfactory from 3', () => {
    expect(evaluateResult('z', { labValue: '10.25', labUncertainty: null, assignedValue: '10.00', assignedUncertainty: null, sigmaPt: '0.10' }).classification).toBe('questionable');
    expect(evaluateResult('z', { labValue: '10.30', labUncertainty: null, assignedValue: '10.00', assignedUncertainty: null, sigmaPt: '0.10' }).classification).toBe('unsatisfactory');
    expect(evaluateResult('zeta', { labValue: '10.1', labUncertainty: '0.03', assignedValue: '10.0', assignedUncertainty: '0.04', sigmaPt: null }))
      .toEqual({ score: '2', classification: 'satisfactory' });
  });

  it('names the missing input and the clause', () => {
    try {
      evaluateResult('En', { labValue: '1', labUncertainty: null, assignedValue: '1', assignedUncertainty: '0.1', sigmaPt: null });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toMatchObject({ requirement: 'R-5.5.2', field: 'labUncertainty', rule: 'required-for-En' });
    }
  });

  it('unsatisfactory opens corrective action, questionable is a warning', () => {
    expect(consequenceOf('unsatisfactory')).toBe('corrective-action');
    expect(consequenceOf('questionable')).toBe('warning');
    expect(consequenceOf('satisfactory')).toBe('none');
  });
});
