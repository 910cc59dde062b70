import { RuleViolation } from '../../shared/domain/rule-violation';
import {
  AuthorisationPeriod, decideGrant, evaluateStaffing, GrantRequest, lapseReason, lastAuthorisedDay, PersonFacts, qualifiedForResponsible,
  staffingShortfall,
} from './personnel';

const today = '2026-03-10';
const trainedFor = (itemCode: string): PersonFacts['competence'] => [
  { kind: 'training', itemCode, completedOn: '2026-01-10', result: 'attended' },
  { kind: 'examination', itemCode, completedOn: '2026-02-10', result: 'passed' },
];
const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  birthDate: '1980-05-01',
  title: 'technician',
  qualifications: [],
  employment: { startedOn: '2020-01-01', endedOn: null },
  competence: trainedFor('JJG 146'),
  ...over,
});
const request = (over: Partial<GrantRequest> = {}): GrantRequest => ({
  role: 'calibrator', itemCode: 'JJG 146', validFrom: today, validUntil: '2029-03-09', ...over,
});

function refusal(fn: () => unknown): RuleViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolation) return error;
    throw error;
  }
  throw new Error('expected a rule violation');
}

describe('per-item authorisation (R-5.1.2, R-5.1.3, R-5.1.4)', () => {
  it('grants a trained, examined, employed calibrator for the asked period', () => {
    expect(decideGrant(request(), person(), [], today)).toEqual({
      validFrom: today, validUntil: '2029-03-09', limitedBy: null, qualifiedForResponsible: false,
    });
  });

  it('R-5.1.2 refuses anyone over 65 on the first day', () => {
    const v = refusal(() => decideGrant(request(), person({ birthDate: '1961-03-09' }), [], today));
    expect([v.requirement, v.field, v.rule]).toEqual(['R-5.1.2', 'validFrom', 'age-limit']);
  });

  it('R-5.1.2 still grants on the 65th birthday itself, ending that day', () => {
    const decision = decideGrant(request(), person({ birthDate: '1961-03-10' }), [], today);
    expect(decision).toMatchObject({ validUntil: '2026-03-10', limitedBy: 'R-5.1.2' });
  });

  it('R-5.1.2 ends a period that runs past the 65th birthday at the birthday', () => {
    const decision = decideGrant(request(), person({ birthDate: '1962-07-20' }), [], today);
    expect(decision).toMatchObject({ validUntil: '2027-07-20', limitedBy: 'R-5.1.2' });
    expect(lastAuthorisedDay('1962-07-20')).toBe('2027-07-20');
  });

  it('R-5.1.2 refuses a person without an active employment', () => {
    const ended = person({ employment: { startedOn: '2020-01-01', endedOn: '2025-12-31' } });
    expect(refusal(() => decideGrant(request(), ended, [], today)).rule).toBe('employment-required');
    expect(refusal(() => decideGrant(request(), person({ employment: null }), [], today)).requirement).toBe('R-5.1.2');
  });

  it('R-5.1.4 refuses without training or without a passed examination for the item', () => {
    const untrained = person({ competence: [] });
    expect(refusal(() => decideGrant(request(), untrained, [], today)).rule).toBe('training-required');
    const failedExam = person({
      competence: [
        { kind: 'training', itemCode: 'JJG 146', completedOn: '2026-01-10', result: 'attended' },
        { kind: 'examination', itemCode: 'JJG 146', completedOn: '2026-02-10', result: 'failed' },
      ],
    });
    expect(refusal(() => decideGrant(request(), failedExam, [], today)).rule).toBe('examination-required');
    expect(refusal(() => decideGrant(request({ itemCode: 'JJG 99' }), person(), [], today)).field).toBe('itemCode');
  });

  it('R-5.1.4 refuses a backdated authorisation and an inverted period', () => {
    expect(refusal(() => decideGrant(request({ validFrom: '2026-03-09' }), person(), [], today)).rule).toBe('not-retroactive');
    expect(refusal(() => decideGrant(request({ validUntil: '2026-03-01' }), person(), [], today)).rule).toBe('date-order');
  });

  it('R-5.1.3 refuses a signatory without engineer title or registered-metrologist qualification', () => {
    const v = refusal(() => decideGrant(request({ role: 'authorised-signatory' }), person({ title: 'assistant-engineer' }), [], today));
    expect([v.requirement, v.field, v.rule]).toEqual(['R-5.1.3', 'role', 'signatory-qualification']);
  });

  it('R-5.1.3 grants an engineer as signatory', () => {
    expect(decideGrant(request({ role: 'authorised-signatory' }), person({ title: 'engineer' }), [], today).qualifiedForResponsible).toBe(true);
  });

  it('R-5.1.3 lets a registered metrologist sign only while the registration is valid', () => {
    const rm = person({ qualifications: [{ kind: 'registered-metrologist-level-2', validFrom: '2024-01-01', validUntil: '2027-12-31' }] });
    expect(decideGrant(request({ role: 'authorised-signatory' }), rm, [], today)).toMatchObject({ validUntil: '2027-12-31', limitedBy: 'R-5.1.3' });
    const lapsed = person({ qualifications: [{ kind: 'registered-metrologist-level-1', validFrom: '2020-01-01', validUntil: '2025-12-31' }] });
    expect(refusal(() => decideGrant(request({ role: 'authorised-signatory' }), lapsed, [], today)).requirement).toBe('R-5.1.3');
  });

  it('refuses a second overlapping authorisation for the same item and role', () => {
    const existing: AuthorisationPeriod[] = [{ role: 'calibrator', itemCode: 'JJG 146', validFrom: '2026-01-01', validUntil: '2026-12-31', status: 'active' }];
    expect(refusal(() => decideGrant(request(), person(), existing, today)).rule).toBe('overlapping-authorisation');
    expect(decideGrant(request({ role: 'checker' }), person(), existing, today).validFrom).toBe(today);
  });

  it('lapses at the end date, naming the age limit when that was the end', () => {
    expect(lapseReason({ validUntil: '2026-03-10', status: 'active', limitedBy: null }, '2026-03-10')).toBeNull();
    expect(lapseReason({ validUntil: '2026-03-10', status: 'active', limitedBy: null }, '2026-03-11')).toEqual({ reason: 'expired', endedOn: '2026-03-11' });
    expect(lapseReason({ validUntil: '2026-03-10', status: 'active', limitedBy: 'R-5.1.2' }, '2026-04-01')?.reason).toBe('age-limit');
    expect(lapseReason({ validUntil: '2026-03-10', status: 'revoked', limitedBy: null }, '2026-04-01')).toBeNull();
  });
});

describe('qualified standard responsible person (R-5.1.1)', () => {
  it('is an engineer or above, or a registered metrologist on the day', () => {
    expect(qualifiedForResponsible({ title: 'senior-engineer', qualifications: [] }, today)).toBe(true);
    expect(qualifiedForResponsible({ title: 'assistant-engineer', qualifications: [] }, today)).toBe(false);
    const rm = [{ kind: 'registered-metrologist-level-1' as const, validFrom: '2026-04-01', validUntil: null }];
    expect(qualifiedForResponsible({ title: 'none', qualifications: rm }, today)).toBe(false);
    expect(qualifiedForResponsible({ title: 'none', qualifications: rm }, '2026-04-01')).toBe(true);
    const other = [{ kind: 'other' as const, validFrom: '2020-01-01', validUntil: null }];
    expect(qualifiedForResponsible({ title: 'none', qualifications: other }, today)).toBe(false);
  });
});

describe('item staffing (R-5.1.1)', () => {
  const a = (personId: string, role: 'calibrator' | 'checker' | 'standard-responsible' | 'authorised-signatory', over = {}) => ({
    personId, role, validFrom: '2026-01-01', validUntil: '2026-12-31', status: 'active' as const, ...over,
  });

  it('is adequate with two distinct persons, one a qualified responsible person', () => {
    const s = evaluateStaffing([a('p1', 'standard-responsible'), a('p2', 'calibrator'), a('p1', 'calibrator')], new Set(['p1']), today);
    expect(s).toEqual({ authorisedPersons: 2, hasQualifiedResponsible: true, adequate: true });
    expect(staffingShortfall('X', s)).toBeNull();
  });

  it('flags fewer than two persons', () => {
    const s = evaluateStaffing([a('p1', 'standard-responsible'), a('p1', 'calibrator')], new Set(['p1']), today);
    expect(s).toEqual({ authorisedPersons: 1, hasQualifiedResponsible: true, adequate: false });
    expect(staffingShortfall('X', s)).toMatch(/1 authorised person\(s\), at least 2/);
  });

  it('flags a responsible person without the qualification, and ignores signatories, expired and future periods', () => {
    const s = evaluateStaffing(
      [
        a('p1', 'standard-responsible'),
        a('p2', 'calibrator'),
        a('p3', 'authorised-signatory'),
        a('p4', 'standard-responsible', { validUntil: '2026-03-09' }),
        a('p5', 'standard-responsible', { validFrom: '2026-03-11' }),
        a('p6', 'standard-responsible', { status: 'revoked' }),
      ],
      new Set(['p3', 'p4', 'p5', 'p6']),
      today,
    );
    expect(s).toEqual({ authorisedPersons: 2, hasQualifiedResponsible: false, adequate: false });
    expect(staffingShortfall('X', s)).toMatch(/no standard responsible person/);
  });
});
