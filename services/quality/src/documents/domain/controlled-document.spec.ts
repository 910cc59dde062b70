import { RuleViolation } from '../../shared/domain/rule-violation';
import { approve, issue, nextRevision, Revision } from './controlled-document';

const rev = (revision: number, status: Revision['status'], draftedBy = 'author'): Revision => ({ revision, status, draftedBy });
const rule = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolation) return `${error.requirement}:${error.rule}`;
    throw error;
  }
  return 'none';
};

describe('document control (R-4.2)', () => {
  it('numbers revisions and allows one in preparation at a time', () => {
    expect(nextRevision([])).toBe(1);
    expect(nextRevision([rev(1, 'obsolete'), rev(2, 'effective')])).toBe(3);
    expect(rule(() => nextRevision([rev(1, 'effective'), rev(2, 'draft')]))).toBe('R-4.2:one-open-revision');
  });

  it('is approved by someone other than the author', () => {
    expect(rule(() => approve(rev(1, 'draft', 'a'), 'a'))).toBe('R-4.2:independent-approval');
    expect(approve(rev(1, 'draft', 'a'), 'b')).toBe('approved');
    expect(rule(() => approve(rev(1, 'effective'), 'b'))).toBe('R-4.2:state');
  });

  it('issues only approved revisions, making the effective one obsolete', () => {
    expect(rule(() => issue(rev(2, 'draft'), []))).toBe('R-4.2:approval-required');
    expect(issue(rev(2, 'approved'), [rev(1, 'effective'), rev(2, 'approved')])).toEqual([1]);
  });
});
