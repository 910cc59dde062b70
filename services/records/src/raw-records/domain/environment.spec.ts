import { evaluateEnvironment } from './environment';
import { Observation } from './record-state';

const condition = (quantity: string, value: string, unit = '°C'): Observation => ({
  observationId: value, type: 'condition', symbol: quantity, point: null, nominal: null, adjustment: 'not-adjusted', repeat: null, unit, value, originalValue: value,
  receivedAt: '2026-11-26T08:00:00.000Z', claimedAt: null, late: false, lateReason: null, capturedBy: 'p', capturedInVersion: 1, corrections: [],
});
const limits = [{ quantity: 'temperature', lower: '19', upper: '21', unit: '°C' }, { quantity: 'relative-humidity', lower: null, upper: '70', unit: '%' }];
const base = { limits, excursions: [], measuredFrom: '2026-11-26T08:00:00.000Z', measuredTo: '2026-11-26T09:00:00.000Z', onSiteClearance: null, placeOfWork: 'lab' as const };

describe('environment at measurement time (R-5.4.1, R-5.4.4)', () => {
  it('passes recorded conditions within every limit of the method', () => {
    const env = evaluateEnvironment({ ...base, conditions: [condition('temperature', '20.2'), condition('relative-humidity', '45', '%')] });
    expect(env).toMatchObject({ withinLimits: true, blocking: false });
    expect(env.checks[0]).toMatchObject({ quantity: 'temperature', reportedValue: '20.2', withinLimits: true });
  });

  it('R-5.4.1 blocks a value outside the limits and a limited quantity that was not recorded', () => {
    const env = evaluateEnvironment({ ...base, conditions: [condition('temperature', '22.4')] });
    expect(env.blocking).toBe(true);
    expect(env.checks.map((c) => c.problem)).toEqual([expect.stringMatching(/22.4 °C is outside 19..21/), expect.stringMatching(/not recorded/)]);
  });

  it('R-5.4.2 blocks when the room monitoring saw an excursion beyond the method limits during the measurement', () => {
    const excursion = { excursionId: 'x', roomId: 'r', roomCode: 'R1', quantity: 'temperature', unit: '°C', lower: '18', upper: '22', value: '22.6', worstValue: null, startedAt: '2026-11-26T08:30:00.000Z', endedAt: null };
    const env = evaluateEnvironment({ ...base, conditions: [condition('temperature', '20.2'), condition('relative-humidity', '45', '%')], excursions: [excursion] });
    expect(env.blocking).toBe(true);
    expect(env.checks[0].problem).toMatch(/monitoring saw temperature at 22.6/);
    const before = { ...excursion, startedAt: '2026-11-26T06:00:00.000Z', endedAt: '2026-11-26T07:00:00.000Z' };
    expect(evaluateEnvironment({ ...base, conditions: [condition('temperature', '20.2'), condition('relative-humidity', '45', '%')], excursions: [before] }).blocking).toBe(false);
  });

  it('R-5.4.4 on site: out of limits proceeds only with both consents recorded', () => {
    const clearance = { jobId: 'j', conditionsMeetMethod: false, impactAssessmentId: 'a', technicalManagerConsentBy: 'tm', customerConsentId: 'c', clearedAt: '2026-11-26T07:00:00Z' };
    const conditions = [condition('temperature', '25'), condition('relative-humidity', '45', '%')];
    expect(evaluateEnvironment({ ...base, placeOfWork: 'on-site', conditions, onSiteClearance: clearance })).toMatchObject({ withinLimits: false, consented: true, blocking: false });
    expect(evaluateEnvironment({ ...base, placeOfWork: 'on-site', conditions, onSiteClearance: { ...clearance, customerConsentId: null } }).blocking).toBe(true);
    expect(evaluateEnvironment({ ...base, placeOfWork: 'lab', conditions, onSiteClearance: clearance }).blocking).toBe(true);
  });
});
