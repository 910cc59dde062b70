import {
  agreedDecisionRule, checkDecisionRule, checkMethod, checkScope, checkStaffing, checkStandard, checkTimeLimit, failedItems, reviewContract, ReviewContext,
} from './contract-review';
import { anItem, aVersion, capableLab, ids } from './fixtures';

const asOf = '2026-03-02';
const context = (promisedDate = '2026-03-09'): ReviewContext => ({ asOf, timeLimits: new Map([[ids.item, { workingDays: 5, promisedDate }]]) });
const review = (lab = capableLab(), items = [anItem()]) =>
  reviewContract(aVersion(items), lab, { ...context(), trigger: 'created', reviewedBy: 'clerk', now: new Date('2026-03-02T02:00:00Z') });

describe('contract review (R-6.1.2, R-6.1.4)', () => {
  it('passes every check when scope, method, standard, staff, decision rule and time limit hold', () => {
    const result = review();
    expect(result.outcome).toBe('passed');
    expect(result.checks.map((c) => [c.check, c.outcome])).toEqual([
      ['scope', 'pass'], ['method', 'pass'], ['standard', 'pass'], ['staffing', 'pass'], ['decision-rule', 'pass'], ['time-limit', 'pass'],
    ]);
    expect(result.checks.every((c) => /^R-\d/.test(c.requirement) && Object.keys(c.evidence).length > 0)).toBe(true);
    expect(result.customerMustBeTold).toBe(false);
  });

  describe('scope (R-4.1.2)', () => {
    it('fails without an authorised item for the method and service kind', () => {
      const check = checkScope(anItem({ methodCode: 'JJG 999' }), capableLab(), asOf);
      expect(check).toMatchObject({ outcome: 'fail', requirement: 'R-4.1.2' });
      expect(check.finding).toMatch(/out of scope: no authorised item/);
    });

    it('fails when the requested range leaves the authorised range', () => {
      const check = checkScope(anItem({ range: { lower: '0.5', upper: '125', unit: 'mm' } }), capableLab(), asOf);
      expect(check.outcome).toBe('fail');
      expect(check.finding).toMatch(/0\.5–125 mm is outside the authorised range 0\.5–100 mm/);
    });

    it('fails for a range in another unit (units are never converted silently)', () => {
      expect(checkScope(anItem({ range: { lower: '1', upper: '2', unit: 'cm' } }), capableLab(), asOf).finding).toMatch(/no authorised range in cm/);
    });

    it('fails when the best measurement capability does not reach the required uncertainty', () => {
      const check = checkScope(anItem({ requiredUncertainty: { value: '0.04', unit: 'µm' } }), capableLab(), asOf);
      expect(check.finding).toMatch(/best measurement capability 0\.05 µm does not reach the required 0\.04 µm/);
    });

    it('compares decimals exactly (0.050 reaches 0.05)', () => {
      expect(checkScope(anItem({ requiredUncertainty: { value: '0.050', unit: 'µm' } }), capableLab(), asOf).outcome).toBe('pass');
    });

    it('fails when the authorisation expired before the review day', () => {
      const lab = capableLab();
      lab.standards[0].validUntil = '2026-03-01';
      expect(checkScope(anItem(), lab, asOf).finding).toMatch(/expired on 2026-03-01/);
    });

    it('fails when the standard lacks its certificate', () => {
      const lab = capableLab();
      lab.standards[0].validUntil = null;
      expect(checkScope(anItem(), lab, asOf).finding).toMatch(/lacks a valid certificate/);
    });

    it('passes on a second standard when the first does not cover the range', () => {
      const lab = capableLab();
      lab.standards.push({ ...lab.standards[0], standardId: 'other', code: 'STD-L-02', items: [{ ...lab.standards[0].items[0], ranges: [{ ...lab.standards[0].items[0].ranges[0], upper: '500' }] }] });
      const check = checkScope(anItem({ range: { lower: '0.5', upper: '400', unit: 'mm' } }), lab, asOf);
      expect(check.outcome).toBe('pass');
      expect(check.finding).toMatch(/STD-L-02/);
    });
  });

  describe('method (R-5.2.3)', () => {
    it('fails for a withdrawn method and says the customer must be told', () => {
      const lab = capableLab();
      lab.methods[0] = { ...lab.methods[0], status: 'withdrawn', usable: false, withdrawnOn: '2026-01-01', supersededBy: { code: 'JJG 146', version: '2025' } };
      const check = checkMethod(anItem(), lab, asOf);
      expect(check).toMatchObject({ outcome: 'fail', requirement: 'R-5.2.3', customerMustBeTold: true });
      expect(check.finding).toMatch(/withdrawn on 2026-01-01; use JJG 146 \(version 2025\); the customer must be told/);
    });

    it('fails for a superseded method', () => {
      const lab = capableLab();
      lab.methods[0] = { ...lab.methods[0], supersededBy: { code: 'JJG 146', version: '2025' } };
      expect(checkMethod(anItem(), lab, asOf)).toMatchObject({ outcome: 'fail', customerMustBeTold: true });
    });

    it('fails for a method that is not in the library, or not verified, or not yet in force', () => {
      expect(checkMethod(anItem({ methodVersion: '1999' }), capableLab(), asOf)).toMatchObject({ outcome: 'fail', requirement: 'R-5.2.1' });
      const draft = capableLab();
      draft.methods[0] = { ...draft.methods[0], status: 'draft', usable: false };
      expect(checkMethod(anItem(), draft, asOf)).toMatchObject({ outcome: 'fail', requirement: 'R-5.2.4' });
      const future = capableLab();
      future.methods[0] = { ...future.methods[0], effectiveFrom: '2026-04-01' };
      expect(checkMethod(anItem(), future, asOf).finding).toMatch(/in force only from 2026-04-01/);
    });
  });

  describe('measurement standard (R-6.1.2, R-5.3.2)', () => {
    it('fails when the only standard has overdue equipment', () => {
      const lab = capableLab();
      lab.equipment[0] = { ...lab.equipment[0], status: 'overdue', usable: false, dueDate: '2026-02-28' };
      const check = checkStandard(anItem(), lab, asOf, '2026-03-09');
      expect(check).toMatchObject({ outcome: 'fail', requirement: 'R-6.1.2' });
      expect(check.finding).toMatch(/equipment EQ-1 is overdue/);
    });

    it('fails when a calibration due date has passed even if the status is not yet updated', () => {
      const lab = capableLab();
      lab.equipment[0] = { ...lab.equipment[0], dueDate: '2026-03-01' };
      expect(checkStandard(anItem(), lab, asOf, null).finding).toMatch(/due for calibration on 2026-03-01/);
    });

    it('fails when the standard is marked invalid or the status of its equipment is unknown', () => {
      const invalid = capableLab();
      invalid.standards[0] = { ...invalid.standards[0], valid: false, invalidReasons: ['suspended'] };
      expect(checkStandard(anItem(), invalid, asOf, null).finding).toMatch(/not valid: suspended/);
      const unknown = capableLab();
      unknown.equipment = unknown.equipment.slice(1);
      expect(checkStandard(anItem(), unknown, asOf, null).finding).toMatch(/status of equipment .* is unknown/);
    });

    it('warns when the standard falls due before the promised date', () => {
      const lab = capableLab();
      lab.equipment[0] = { ...lab.equipment[0], dueDate: '2026-03-05' };
      const check = checkStandard(anItem(), lab, asOf, '2026-03-09');
      expect(check.outcome).toBe('warning');
      expect(check.finding).toMatch(/falls due on 2026-03-05/);
    });

    it('fails when no standard covers the item', () => {
      expect(checkStandard(anItem({ methodCode: 'X' }), capableLab(), asOf, null).finding).toMatch(/no measurement standard covers/);
    });
  });

  describe('staffing (R-5.1.1)', () => {
    it('fails with one authorised person only', () => {
      const lab = capableLab();
      lab.authorisations = lab.authorisations.slice(0, 1);
      const check = checkStaffing(anItem(), lab, asOf);
      expect(check).toMatchObject({ outcome: 'fail', requirement: 'R-5.1.1' });
      expect(check.finding).toMatch(/only 1 person\(s\) authorised/);
    });

    it('fails without a qualified standard responsible person', () => {
      const lab = capableLab();
      lab.authorisations[0] = { ...lab.authorisations[0], qualifiedForResponsible: false };
      expect(checkStaffing(anItem(), lab, asOf).finding).toMatch(/no qualified standard responsible person/);
    });

    it('counts only authorisations valid on the review day and not revoked', () => {
      const lab = capableLab();
      lab.authorisations[1] = { ...lab.authorisations[1], endedOn: '2026-03-02' };
      expect(checkStaffing(anItem(), lab, asOf).outcome).toBe('fail');
      lab.authorisations[1] = { ...lab.authorisations[1], endedOn: null, validFrom: '2026-03-03' };
      expect(checkStaffing(anItem(), lab, asOf).outcome).toBe('fail');
    });

    it('does not count one person twice nor authorised signatories', () => {
      const lab = capableLab();
      lab.authorisations[1] = { ...lab.authorisations[1], personId: ids.personA };
      lab.authorisations.push({ ...lab.authorisations[1], authorisationId: 'a3', personId: ids.personB, role: 'authorised-signatory' });
      expect(checkStaffing(anItem(), lab, asOf).finding).toMatch(/only 1 person/);
    });

    it("fails when quality's own verdict says the item is not adequately staffed", () => {
      const lab = capableLab();
      lab.staffing[0] = { ...lab.staffing[0], adequate: false };
      expect(checkStaffing(anItem(), lab, asOf).finding).toMatch(/quality reports staffing/);
    });
  });

  describe('decision rule (R-6.4.2.3)', () => {
    it('needs an agreed rule when a conformity statement is requested', () => {
      expect(checkDecisionRule(anItem({ conformityStatement: true })).outcome).toBe('fail');
      expect(checkDecisionRule(anItem({ conformityStatement: true, decisionRule: { rule: 'simple', guardBand: null } })).outcome).toBe('pass');
      expect(checkDecisionRule(anItem({ conformityStatement: true, decisionRule: { rule: 'guarded', guardBand: null } })).finding).toMatch(/guard band/);
      expect(checkDecisionRule(anItem({ conformityStatement: true, decisionRule: { rule: 'guarded', guardBand: { value: '0.02', unit: 'µm' } } })).finding).toMatch(
        /guarded with guard band 0\.02 µm/,
      );
      expect(checkDecisionRule(anItem()).outcome).toBe('pass');
    });

    it('R-6.1.2, R-6.4.2.3: hands the agreed rule on for certificates (decimal guard band with its unit), none without a conformity statement', () => {
      expect(agreedDecisionRule(anItem({ conformityStatement: true, decisionRule: { rule: 'guarded', guardBand: { value: '0.02', unit: 'µm' } } }))).toEqual({
        rule: 'guarded', guardBand: '0.02', guardBandUnit: 'µm',
      });
      expect(agreedDecisionRule(anItem({ conformityStatement: true, decisionRule: { rule: 'non-binary', guardBand: null } }))).toEqual({
        rule: 'non-binary', guardBand: null, guardBandUnit: null,
      });
      expect(agreedDecisionRule(anItem({ conformityStatement: false, decisionRule: { rule: 'simple', guardBand: null } }))).toBeNull();
      expect(agreedDecisionRule(anItem())).toBeNull();
    });
  });

  describe('time limit (R-6.2.6, R-4.4)', () => {
    it('fails without a published time limit, and when the requested date is before it', () => {
      expect(checkTimeLimit(anItem(), null)).toMatchObject({ outcome: 'fail', requirement: 'R-4.4' });
      expect(checkTimeLimit(anItem({ requestedCompletionDate: '2026-03-06' }), { workingDays: 5, promisedDate: '2026-03-09' })).toMatchObject({
        outcome: 'fail', requirement: 'R-6.2.6',
      });
      expect(checkTimeLimit(anItem({ requestedCompletionDate: '2026-03-09' }), { workingDays: 5, promisedDate: '2026-03-09' }).outcome).toBe('pass');
    });
  });

  it('fails the whole review when one item fails, naming that item only', () => {
    const second = anItem({ itemId: '99999999-9999-4999-8999-999999999999', position: 2, methodCode: 'JJG 999' });
    const result = review(capableLab(), [anItem(), second]);
    expect(result.outcome).toBe('failed');
    expect([...failedItems(result)]).toEqual([second.itemId]);
  });
});
