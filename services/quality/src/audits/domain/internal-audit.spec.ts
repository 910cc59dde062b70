import { RuleViolation } from '../../shared/domain/rule-violation';
import { checkFinding, checkPlan, complete, start } from './internal-audit';

describe('internal audits (R-9.2)', () => {
  it('R-9.2 plans audits inside the programme year, with a scope', () => {
    expect(() => checkPlan({ programmeYear: 2026, plannedOn: '2026-06-01', scope: ['R-8.1'] })).not.toThrow();
    expect(() => checkPlan({ programmeYear: 2026, plannedOn: '2027-01-05', scope: ['R-8.1'] })).toThrow(RuleViolation);
    expect(() => checkPlan({ programmeYear: 2026, plannedOn: '2026-06-01', scope: [] })).toThrow(RuleViolation);
  });

  it('R-9.2 takes findings only in progress and within the scope (a clause covers its sub-clauses)', () => {
    expect(() => checkFinding('in-progress', ['R-5.1'], 'R-5.1.3')).not.toThrow();
    expect(() => checkFinding('in-progress', ['R-5.1'], 'R-5.10')).toThrow(RuleViolation);
    expect(() => checkFinding('in-progress', ['R-5.1'], null)).not.toThrow();
    expect(() => checkFinding('planned', ['R-5.1'], 'R-5.1')).toThrow(RuleViolation);
  });

  it('R-9.2 moves planned → in progress → completed only', () => {
    expect(start('planned')).toBe('in-progress');
    expect(() => start('in-progress')).toThrow(RuleViolation);
    expect(complete('in-progress')).toBe('completed');
    expect(() => complete('planned')).toThrow(RuleViolation);
  });
});
