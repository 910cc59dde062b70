import { methodStatus, methodUsable, MethodVersion, modelBreach, nextReviewDue, verificationBreach } from './method';

const method = (over: Partial<MethodVersion> = {}): MethodVersion => ({
  id: 'm', code: 'JJG 146', title: 'Gauge blocks', version: '2011', type: 'national', documentKind: 'verification-regulation',
  effectiveFrom: '2012-05-01', withdrawnOn: null, supersededBy: null, validatedOn: null, validationReference: null, verifiedOn: '2012-06-01',
  verificationReference: 'VR-1', environmentalLimits: [], readings: [], measurementModel: null, requiredEquipmentKinds: [], reviewIntervalMonths: 12,
  ...over,
});

describe('method library rules', () => {
  it('R-5.2.4 derives draft → validated → verified → withdrawn from recorded dates', () => {
    expect(methodStatus(method({ verifiedOn: null }), '2026-01-01')).toBe('draft');
    expect(methodStatus(method({ type: 'non-standard', verifiedOn: null, validatedOn: '2025-01-01' }), '2026-01-01')).toBe('validated');
    expect(methodStatus(method(), '2026-01-01')).toBe('verified');
    expect(methodStatus(method({ withdrawnOn: '2026-01-01' }), '2025-12-31')).toBe('verified');
    expect(methodStatus(method({ withdrawnOn: '2026-01-01' }), '2026-01-01')).toBe('withdrawn');
  });

  it('R-5.2.4 only a verified version in force is usable', () => {
    expect(methodUsable(method(), '2026-01-01')).toBe(true);
    expect(methodUsable(method({ effectiveFrom: '2026-06-01', verifiedOn: '2026-01-01' }), '2026-01-01')).toBe(false);
    expect(methodUsable(method({ verifiedOn: null }), '2026-01-01')).toBe(false);
  });

  it('R-5.2.4 a non-standard method is validated before verification', () => {
    expect(verificationBreach(method({ type: 'non-standard' }), '2026-01-01')).toMatch(/validated before/);
    expect(verificationBreach(method({ type: 'non-standard', validatedOn: '2026-02-01' }), '2026-01-01')).toMatch(/precede/);
    expect(verificationBreach(method({ type: 'non-standard', validatedOn: '2025-12-01' }), '2026-01-01')).toBeNull();
    expect(verificationBreach(method(), '2026-01-01')).toBeNull();
  });

  it('R-5.2.3 schedules the next currency review', () => {
    expect(nextReviewDue(method(), null)).toBe('2013-05-01');
    expect(nextReviewDue(method(), '2025-11-20')).toBe('2026-11-20');
    expect(nextReviewDue(method({ withdrawnOn: '2025-01-01' }), null)).toBeNull();
  });

  it('checks the measurement model against its declared inputs', () => {
    expect(modelBreach({ output: 'e', expression: 'L - Ls', inputs: ['L', 'Ls'] })).toBeNull();
    expect(modelBreach({ output: 'e', expression: 'L - Lx', inputs: ['L', 'Ls'] })).toMatch(/Lx/);
  });
});
