import { RuleViolation } from '../../shared/domain/rule-violation';
import { assign, close, linkResult, RemeasurementState } from './remeasurement';

const state = (s: Partial<RemeasurementState>): RemeasurementState => ({ status: 'open', assignee: null, resultRecordId: null, ...s });

describe('re-measurement requests (R-8.2)', () => {
  it('R-8.2 assigns open and assigned requests, not linked or closed ones, and never with a past due date', () => {
    expect(assign(state({}), 'p-1', '2026-05-02', '2026-05-01')).toBe('assigned');
    expect(assign(state({ status: 'assigned', assignee: 'p-1' }), 'p-2', null, '2026-05-01')).toBe('assigned');
    expect(() => assign(state({}), 'p-1', '2026-04-30', '2026-05-01')).toThrow(RuleViolation);
    expect(() => assign(state({ status: 'results-linked', resultRecordId: 'r' }), 'p-1', null, '2026-05-01')).toThrow(RuleViolation);
    expect(() => assign(state({ status: 'closed' }), 'p-1', null, '2026-05-01')).toThrow(RuleViolation);
  });

  it('R-8.2 links an approved re-measurement unless the request is closed', () => {
    expect(linkResult(state({}))).toBe('results-linked');
    expect(linkResult(state({ status: 'results-linked', resultRecordId: 'r' }))).toBe('results-linked');
    expect(linkResult(state({ status: 'closed', resultRecordId: 'r' }))).toBeNull();
  });

  it('R-8.2 closes only with linked results', () => {
    expect(close(state({ status: 'results-linked', resultRecordId: 'r' }))).toBe('closed');
    expect(() => close(state({ status: 'assigned', assignee: 'p' }))).toThrow(RuleViolation);
    expect(() => close(state({ status: 'closed', resultRecordId: 'r' }))).toThrow(RuleViolation);
  });
});
