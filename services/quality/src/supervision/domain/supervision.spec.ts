import { RuleViolation } from '../../shared/domain/rule-violation';
import { canComplete, canSample, checkPeriod, checkResult, jobKindFor } from './supervision';

describe('supervision (R-8.1)', () => {
  it('R-8.1 samples certificates for the certificates area and approved records for the others', () => {
    expect(jobKindFor('certificates')).toBe('certificate');
    expect(jobKindFor('data')).toBe('record');
    expect(jobKindFor('methods')).toBe('record');
  });

  it('R-8.1 refuses reversed periods, sampling before the period or into a completed plan', () => {
    expect(() => checkPeriod('2026-02-01', '2026-01-31')).toThrow(RuleViolation);
    expect(() => checkPeriod('2026-01-01', '2026-01-01')).not.toThrow();
    expect(() => canSample('planned', '2026-02-01', '2026-01-31')).toThrow(RuleViolation);
    expect(() => canSample('completed', '2026-01-01', '2026-01-31')).toThrow(RuleViolation);
    expect(() => canSample('sampled', '2026-01-01', '2026-01-31')).not.toThrow();
  });

  it('R-8.1 completes a plan only when every sample was checked', () => {
    expect(() => canComplete('sampled', [])).toThrow(RuleViolation);
    expect(() => canComplete('sampled', [{ result: 'conforming' }, { result: 'pending' }])).toThrow(RuleViolation);
    expect(() => canComplete('sampled', [{ result: 'conforming' }, { result: 'nonconforming' }])).not.toThrow();
  });

  it('R-8.1 a nonconforming result needs a severity and a title; results are recorded once', () => {
    expect(() => checkResult('pending', { conforming: false, severity: null, title: 'x' })).toThrow(RuleViolation);
    expect(() => checkResult('pending', { conforming: false, severity: 'minor', title: 'x' })).not.toThrow();
    expect(() => checkResult('conforming', { conforming: true, severity: null, title: null })).toThrow(RuleViolation);
  });
});
