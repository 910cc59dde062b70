import { RuleViolation } from '../../shared/domain/rule-violation';
import { nextStatus, stopsClock } from './item-status';

describe('end-to-end item status (R-7.1.1, R-4.5)', () => {
  it('follows accepted → in lab → measured → reviewed → certificate issued → returned', () => {
    expect(nextStatus('accepted', 'in-lab', 'lab')).toBe('in-lab');
    expect(nextStatus('in-lab', 'measured', 'lab')).toBe('measured');
    expect(nextStatus('measured', 'reviewed', 'lab')).toBe('reviewed');
    expect(nextStatus('reviewed', 'certificate-issued', 'lab')).toBe('certificate-issued');
    expect(nextStatus('certificate-issued', 'returned', 'lab')).toBe('returned');
  });

  it('refuses skipping a step or going back, citing R-4.5', () => {
    expect(() => nextStatus('accepted', 'measured', 'lab')).toThrow(/R-4.5: an item that is accepted cannot become measured; it must be in-lab first/);
    expect(() => nextStatus('in-lab', 'certificate-issued', 'lab')).toThrow(RuleViolation);
    expect(() => nextStatus('reviewed', 'measured', 'lab')).toThrow(/cannot become measured/);
  });

  it('lets on-site items be measured where they are', () => {
    expect(nextStatus('accepted', 'measured', 'on-site')).toBe('measured');
  });

  it('allows return at any point but nothing after it, and only return after cancellation', () => {
    expect(nextStatus('in-lab', 'returned', 'lab')).toBe('returned');
    expect(() => nextStatus('returned', 'in-lab', 'lab')).toThrow(/was returned/);
    expect(nextStatus('in-lab', 'cancelled', 'lab')).toBe('cancelled');
    expect(nextStatus('cancelled', 'returned', 'lab')).toBe('returned');
    expect(() => nextStatus('cancelled', 'measured', 'lab')).toThrow(/only be returned/);
    expect(() => nextStatus('measured', 'measured', 'lab')).toThrow(/already measured/);
  });

  it('stops the time-limit clock at certificate issue, return or cancellation', () => {
    expect(['accepted', 'in-lab', 'measured', 'reviewed'].some((s) => stopsClock(s as never))).toBe(false);
    expect(['certificate-issued', 'returned', 'cancelled'].every((s) => stopsClock(s as never))).toBe(true);
  });
});
