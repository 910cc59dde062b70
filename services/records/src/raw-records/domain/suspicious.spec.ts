import { grubbs, findSuspiciousData } from './suspicious';
import { Observation } from './record-state';

const reading = (value: string, point = '50 mm'): Observation => ({
  observationId: value, type: 'reading', symbol: 'x', point, nominal: '50', adjustment: 'not-adjusted', repeat: 1, unit: 'mm', value, originalValue: value,
  receivedAt: '2026-11-26T08:00:00.000Z', claimedAt: null, late: false, lateReason: null, capturedBy: 'p', capturedInVersion: 1, corrections: [],
});
const settings = { alpha: 0.05, plausibleRelative: '0.2', stepEnLimit: '1' };
const result = (measuredValue: string, U = '0.010') => ({
  resultId: '50 mm', quantity: 'length', point: '50 mm', nominal: '50', adjustment: 'not-adjusted' as const, measuredValue, referenceValue: null, error: null, correction: null,
  unit: 'mm', expandedUncertainty: U, uncertaintyUnit: 'mm', coverageFactor: '2', coverageProbability: '0.95', limit: null, budgetHash: 'x', readings: 5,
});

describe('suspicious data (R-8.2)', () => {
  it('Grubbs critical values match the published table (two-sided, ISO 5725-2 / NIST)', () => {
    const ten = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
    expect(grubbs(ten, 0.05)!.critical).toBeCloseTo(2.290, 3);
    expect(grubbs(ten, 0.01)!.critical).toBeCloseTo(2.482, 3);
    expect(grubbs(['1', '2', '3'], 0.05)!.critical).toBeCloseTo(1.1543, 4);
    expect(grubbs(['1', '1'], 0.05)).toBeNull();
    expect(grubbs(['5', '5', '5'], 0.05)).toBeNull();
  });

  it('R-8.2 flags an outlier among repeats and leaves an ordinary series alone', () => {
    const ordinary = ['50.001', '50.002', '50.001', '50.003', '50.002'].map((v) => reading(v));
    expect(findSuspiciousData({ readings: ordinary, results: [result('50.002')], previous: [], checkStandards: [], settings })).toEqual([]);
    const withOutlier = ['50.001', '50.002', '50.001', '50.002', '50.001', '50.031'].map((v) => reading(v));
    const [finding] = findSuspiciousData({ readings: withOutlier, results: [result('50.006')], previous: [], checkStandards: [], settings });
    expect(finding).toMatchObject({ check: 'outlier-grubbs', values: ['50.031'], point: '50 mm' });
    expect(Number(finding.statistic)).toBeGreaterThan(Number(finding.critical));
  });

  it('R-8.2 flags an implausible result, a step change against the item\'s history and a disagreeing check standard', () => {
    const findings = findSuspiciousData({
      readings: [],
      results: [result('500.02')],
      previous: [{ point: '50 mm', adjustment: 'not-adjusted', measuredValue: '50.000', unit: 'mm', expandedUncertainty: '0.010', uncertaintyUnit: 'mm', recordId: 'r0', approvedAt: '2025-11-01T00:00:00Z' }],
      checkStandards: [{ point: '50 mm', expected: '50.000', expandedUncertainty: '0.005' }],
      settings,
    });
    expect(findings.map((f) => f.check)).toEqual(['implausible-value', 'step-change', 'check-standard-disagreement']);
    const steady = findSuspiciousData({
      readings: [], results: [result('50.004')],
      previous: [{ point: '50 mm', adjustment: 'not-adjusted', measuredValue: '50.000', unit: 'mm', expandedUncertainty: '0.010', uncertaintyUnit: 'mm', recordId: 'r0', approvedAt: '2025-11-01T00:00:00Z' }],
      checkStandards: [], settings,
    });
    expect(steady).toEqual([]);
  });
});
