import { RuleViolation } from '../../shared/domain/rule-violation';
import {
  acknowledgeSafety, assessConditions, assessImpact, clearForMeasurement, closeJob, customerDecision, environmentRequirements, OnSiteJob, planJob,
  recordConditions, technicalManagerDecision,
} from './on-site-job';

const now = new Date('2026-03-02T02:00:00Z');
const methods = [{ code: 'JJG 52', version: '2013', environmentalLimits: [{ quantity: 'temperature', lower: '18', upper: '22', unit: '°C' }, { quantity: 'relative-humidity', lower: null, upper: '80', unit: '%' }] }];

const planned = (crossRegion = false): OnSiteJob =>
  planJob(
    { itemIds: ['i-1'], siteAddress: 'Plant 3, Suzhou', crossRegion, plannedDate: '2026-03-05', safetyChecklist: ['helmet', 'induction'] },
    { contractId: 'c-1', contractStatus: 'accepted', items: [{ itemId: 'i-1', place: 'on-site' }, { itemId: 'i-2', place: 'lab' }], today: '2026-03-02', by: 'u', now },
  );
const sent = (job: OnSiteJob): OnSiteJob => ({
  ...job,
  environmentRequirements: environmentRequirements([{ methodCode: 'JJG 52', methodVersion: '2013' }], methods).requirements,
  environmentSent: { channel: 'e-mail', contactId: null, by: 'u', at: now },
});
const ready = (readings = [{ quantity: 'temperature', value: '20.1', unit: '°C' }, { quantity: 'relative-humidity', value: '55', unit: '%' }]) =>
  recordConditions(acknowledgeSafety(sent(planned()), ['helmet', 'induction'], 'u', now), readings, 'u', now);

function broken(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolation) return error.broken;
    throw error;
  }
  throw new Error('expected a rule violation');
}

describe('on-site jobs (R-6.2.4, R-6.2.7, R-6.2.8, R-5.4.4)', () => {
  it('R-6.2.4 plans a job for on-site items of the contract only', () => {
    expect(planned().status).toBe('planned');
    const wrong = broken(() => planJob({ itemIds: ['i-2', 'i-9'], siteAddress: 'x', crossRegion: false, plannedDate: '2026-03-01', safetyChecklist: null }, {
      contractId: 'c', contractStatus: 'accepted', items: [{ itemId: 'i-2', place: 'lab' }], today: '2026-03-02', by: 'u', now,
    }));
    expect(wrong.map((b) => b.rule)).toEqual(['not-in-past', 'on-site-item', 'item-of-contract']);
  });

  it('R-6.2.4 derives the environmental requirements from the method library', () => {
    const { requirements, methodsWithoutLimits } = environmentRequirements([{ methodCode: 'JJG 52', methodVersion: '2013' }, { methodCode: 'X', methodVersion: '1' }], methods);
    expect(requirements.map((r) => r.quantity)).toEqual(['temperature', 'relative-humidity']);
    expect(methodsWithoutLimits).toEqual(['X (1)']);
  });

  it('R-6.2.8 needs every safety item acknowledged, after the requirements were sent', () => {
    expect(broken(() => acknowledgeSafety(planned(), ['helmet', 'induction'], 'u', now))[0].rule).toBe('sent-first');
    expect(broken(() => acknowledgeSafety(sent(planned()), ['helmet'], 'u', now))[0]).toMatchObject({ field: 'safetyChecklist.1', requirement: 'R-6.2.8' });
  });

  it('R-5.4.4 compares site conditions with the method in exact decimals; a missing reading does not meet it', () => {
    const reqs = environmentRequirements([{ methodCode: 'JJG 52', methodVersion: '2013' }], methods).requirements;
    expect(assessConditions(reqs, [{ quantity: 'temperature', value: '22.0', unit: '°C' }, { quantity: 'relative-humidity', value: '80', unit: '%' }]).meetsMethod).toBe(true);
    const out = assessConditions(reqs, [{ quantity: 'temperature', value: '22.01', unit: '°C' }]);
    expect(out.violations).toEqual(['temperature 22.01 °C is outside 18…22 °C required by JJG 52', 'relative-humidity: no reading in % (required −∞…80 % by JJG 52)']);
  });

  it('R-5.4.4 clears measurement at once when conditions meet the method', () => {
    expect(clearForMeasurement(ready(), now).status).toBe('measurement-cleared');
  });

  it('R-5.4.4 otherwise needs the impact assessed and both the technical manager and the customer to consent', () => {
    const poor = ready([{ quantity: 'temperature', value: '25', unit: '°C' }, { quantity: 'relative-humidity', value: '55', unit: '%' }]);
    expect(broken(() => clearForMeasurement(poor, now)).map((b) => b.field)).toEqual(['impactAssessment', 'technicalManagerConsent', 'customerConsent']);
    const assessed = assessImpact(poor, 'temperature effect +0.3 µm within the customer tolerance', 'tm', now);
    const tmOnly = technicalManagerDecision(assessed, 'granted', 'tm', now);
    expect(broken(() => clearForMeasurement(tmOnly, now)).map((b) => b.field)).toEqual(['customerConsent']);
    const refused = customerDecision(tmOnly, 'consent-1', 'refused');
    expect(() => clearForMeasurement(refused, now)).toThrow(RuleViolation);
    expect(clearForMeasurement(customerDecision(tmOnly, 'consent-2', 'granted'), now).status).toBe('measurement-cleared');
    expect(() => assessImpact(ready(), 'x', 'tm', now)).toThrow(/no impact assessment is needed/);
  });

  it('R-5.4.4 new site conditions void earlier consents', () => {
    const poor = ready([{ quantity: 'temperature', value: '25', unit: '°C' }]);
    const consented = customerDecision(technicalManagerDecision(assessImpact(poor, 'a', 'tm', now), 'granted', 'tm', now), 'c', 'granted');
    const again = recordConditions(consented, [{ quantity: 'temperature', value: '26', unit: '°C' }], 'u', now);
    expect(again.technicalManagerConsent).toBeNull();
    expect(again.customerConsent).toBeNull();
  });

  it('R-6.2.7 a cross-region job cannot close without tickets, invoices and shipping notes', () => {
    const cleared = clearForMeasurement(recordConditions(acknowledgeSafety(sent(planned(true)), ['helmet', 'induction'], 'u', now), [{ quantity: 'temperature', value: '20', unit: '°C' }, { quantity: 'relative-humidity', value: '50', unit: '%' }], 'u', now), now);
    expect(broken(() => closeJob(cleared, ['travel-ticket'], now)).map((b) => b.field)).toEqual(['attachments.accommodation-invoice', 'attachments.standard-shipping-note']);
    expect(closeJob(cleared, ['travel-ticket', 'accommodation-invoice', 'standard-shipping-note'], now).status).toBe('closed');
    expect(closeJob(clearForMeasurement(ready(), now), [], now).status).toBe('closed');
    expect(() => closeJob(planned(), [], now)).toThrow(/cannot be closed/);
  });
});
