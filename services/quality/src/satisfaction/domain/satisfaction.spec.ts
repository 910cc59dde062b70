import { RuleViolation } from '../../shared/domain/rule-violation';
import { checkResponse, needsFinding } from './satisfaction';

describe('customer satisfaction (R-9.1)', () => {
  it('R-9.1 a low overall score is a minor finding, criticism an observation, the rest none', () => {
    expect(needsFinding(1, 'neutral')).toEqual({ severity: 'minor' });
    expect(needsFinding(2, 'praise')).toEqual({ severity: 'minor' });
    expect(needsFinding(4, 'criticism')).toEqual({ severity: 'observation' });
    expect(needsFinding(3, 'suggestion')).toBeNull();
  });

  it('R-9.1 takes one response per survey', () => {
    expect(() => checkResponse('answered')).toThrow(RuleViolation);
    expect(() => checkResponse('awaiting-response')).not.toThrow();
  });
});
