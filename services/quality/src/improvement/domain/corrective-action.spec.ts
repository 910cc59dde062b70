import { RuleViolation } from '../../shared/domain/rule-violation';
import { completeTask, CorrectiveActionState, planActions, verifyEffectiveness } from './corrective-action';

const ca = (over: Partial<CorrectiveActionState> = {}): CorrectiveActionState => ({ status: 'open', rootCause: null, tasks: [], ...over });
const rule = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolation) return `${error.requirement}:${error.rule}`;
    throw error;
  }
  return 'none';
};

describe('corrective action (R-9.1)', () => {
  it('needs a root cause and at least one action to be planned', () => {
    expect(rule(() => planActions(ca(), { rootCause: 'unknown', tasks: [{ description: 'x', owner: 'a' }] }))).toBe('R-9.1:root-cause-required');
    expect(rule(() => planActions(ca(), { rootCause: 'Reference thermometer drifted', tasks: [] }))).toBe('R-9.1:actions-required');
    expect(planActions(ca(), { rootCause: 'Reference thermometer drifted', tasks: [{ description: 'recalibrate', owner: 'a' }] })).toBe('planned');
  });

  it('is implemented when the last action is done', () => {
    const planned = ca({ status: 'planned', tasks: [{ owner: 'a', doneOn: null }, { owner: 'b', doneOn: null }] });
    expect(completeTask(planned, 0)).toBe('planned');
    expect(completeTask({ ...planned, tasks: [{ owner: 'a', doneOn: '2026-01-01' }, { owner: 'b', doneOn: null }] }, 1)).toBe('implemented');
    expect(rule(() => completeTask({ ...planned, tasks: [{ owner: 'a', doneOn: '2026-01-01' }] }, 0))).toBe('R-9.1:already-done');
    expect(rule(() => completeTask(planned, 5))).toBe('R-9.1:unknown-task');
  });

  it('closes only after an independent verification found it effective', () => {
    const implemented = ca({ status: 'implemented', rootCause: 'x', tasks: [{ owner: 'a', doneOn: '2026-01-01' }] });
    expect(rule(() => verifyEffectiveness(ca({ status: 'planned' }), 'q', true))).toBe('R-9.1:not-implemented');
    expect(rule(() => verifyEffectiveness(implemented, 'a', true))).toBe('R-9.1:independent-verification');
    expect(verifyEffectiveness(implemented, 'q', true)).toBe('closed');
    expect(verifyEffectiveness(implemented, 'q', false)).toBe('open');
  });

  it('cannot re-plan a closed action', () => {
    expect(rule(() => planActions(ca({ status: 'closed' }), { rootCause: 'a long enough cause', tasks: [{ description: 'x', owner: 'a' }] }))).toBe('R-9.1:state');
  });
});
