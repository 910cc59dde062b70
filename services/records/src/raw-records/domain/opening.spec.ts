import { authorisationProblem, equipmentProblems, methodProblems, onSiteProblem, standardProblems } from './opening';
import { AuthorisationRow, EquipmentRow, MethodRow, StandardRow } from './reference';

const today = '2026-11-26';
const method: MethodRow = {
  methodId: 'm', code: 'JJG 146-2011', version: '2011', title: 't', status: 'verified', usable: true, effectiveFrom: '2012-01-01', withdrawnOn: null,
  environmentalLimits: [], readings: [{ symbol: 'd', description: 'd', unit: 'mm', repetitions: 5 }], measurementModel: { output: 'L', expression: 'lS + d', inputs: ['lS', 'd'] },
  requiredEquipmentKinds: [],
};
const equipment = (over: Partial<EquipmentRow>): EquipmentRow => ({
  equipmentId: 'e1', assetNumber: 'EQ-1', name: 'Comparator', kind: 'standard-equipment', status: 'in-service', reason: 'calibrated', usable: true, effectiveOn: '2026-01-01',
  lastCalibratedOn: '2026-01-01', dueDate: '2026-12-31', ...over,
});
const standard = (over: Partial<StandardRow>): StandardRow => ({
  standardId: 's1', code: 'GB-001', name: 'Gauge blocks', category: 'working', valid: true, invalidReasons: [], validUntil: '2027-01-01', certificates: [], equipmentIds: [],
  items: [{ itemId: 'i', name: 'n', quantity: 'length', serviceKinds: ['calibration'], methodCodes: ['JJG 146-2011'], ranges: [] }], ...over,
});
const auth = (over: Partial<AuthorisationRow>): AuthorisationRow => ({
  authorisationId: 'a1', personId: 'p1', itemCode: 'GB', role: 'calibrator', validFrom: '2026-01-01', validUntil: '2026-12-31', endedOn: null, endReason: null, ...over,
});

describe('opening a record', () => {
  it('R-5.2.4 refuses an unverified, withdrawn or future method version', () => {
    expect(methodProblems(method, 'JJG 146-2011', '2011', today)).toEqual([]);
    expect(methodProblems(undefined, 'X', '1', today)[0].rule).toBe('known-method');
    expect(methodProblems({ ...method, status: 'draft', usable: false }, 'JJG 146-2011', '2011', today)[0].requirement).toBe('R-5.2.4');
    expect(methodProblems({ ...method, withdrawnOn: '2026-06-01' }, 'JJG 146-2011', '2011', today)[0].rule).toBe('not-withdrawn');
    expect(methodProblems({ ...method, effectiveFrom: '2027-01-01' }, 'JJG 146-2011', '2011', today)[0].rule).toBe('in-force');
  });

  it('R-5.3.2 refuses unusable equipment and equipment overdue on the day', () => {
    expect(equipmentProblems(['e1'], new Map([['e1', equipment({})]]), today)).toEqual([]);
    expect(equipmentProblems(['e1'], new Map([['e1', equipment({ usable: false, status: 'overdue', reason: 'calibration-overdue' })]]), today)[0]).toMatchObject({ rule: 'equipment-usable', field: 'equipmentIds.0' });
    expect(equipmentProblems(['e1'], new Map([['e1', equipment({ dueDate: '2026-11-25' })]]), today)[0].rule).toBe('calibration-in-date');
    expect(equipmentProblems(['e2'], new Map(), today)[0].rule).toBe('known-equipment');
  });

  it('R-4.1.2 refuses an invalid or expired standard and one whose scope does not cover the method', () => {
    const rows = (s: StandardRow) => new Map([['s1', s]]);
    expect(standardProblems(['s1'], rows(standard({})), today, 'JJG 146-2011', 'calibration')).toEqual([]);
    expect(standardProblems(['s1'], rows(standard({ valid: false, invalidReasons: ['certificate expired'] })), today, 'JJG 146-2011', 'calibration')[0].rule).toBe('standard-valid');
    expect(standardProblems(['s1'], rows(standard({ validUntil: '2026-11-01' })), today, 'JJG 146-2011', 'calibration')[0].rule).toBe('certificate-in-date');
    expect(standardProblems(['s1'], rows(standard({})), today, 'JJG 146-2011', 'verification')[0].rule).toBe('scope-covers-method');
  });

  it('R-5.1.4 finds an authorisation valid on the day and explains a missing one', () => {
    expect(authorisationProblem([auth({})], 'p1', 'GB', 'calibrator', today)).toHaveProperty('authorisation');
    expect(authorisationProblem([], 'p1', 'GB', 'calibrator', today)).toMatchObject({ problem: { requirement: 'R-5.1.4', rule: 'authorised-calibrator' } });
    expect(authorisationProblem([auth({ endedOn: '2026-11-26', endReason: 'revoked' })], 'p1', 'GB', 'calibrator', today)).toMatchObject({ problem: { message: expect.stringMatching(/ended on 2026-11-26/) } });
    expect(authorisationProblem([auth({ endedOn: '2026-11-27', endReason: 'revoked' })], 'p1', 'GB', 'calibrator', today)).toHaveProperty('authorisation');
    expect(authorisationProblem([auth({ validUntil: '2026-11-25' })], 'p1', 'GB', 'calibrator', today)).toHaveProperty('problem');
    expect(authorisationProblem([auth({ role: 'checker' })], 'p1', 'GB', 'calibrator', today)).toHaveProperty('problem');
  });

  it('R-5.4.4 on-site work needs intake\'s clearance, with both consents where the site falls short', () => {
    expect(onSiteProblem(undefined, 'i')!.rule).toBe('on-site-cleared');
    const cleared = { jobId: 'j', itemIds: ['i'], conditionsMeetMethod: false, impactAssessmentId: 'a', technicalManagerConsentBy: 'tm', customerConsentId: null, clearedAt: 'x' };
    expect(onSiteProblem(cleared, 'i')!.rule).toBe('on-site-consents');
    expect(onSiteProblem({ ...cleared, customerConsentId: 'c' }, 'i')).toBeNull();
  });
});
