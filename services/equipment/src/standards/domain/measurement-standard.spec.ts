import { requiredCertificates, scopeBreaches, scopeValidity, StandardFacts } from './measurement-standard';

const cert = (kind: 'assessment' | 'public-standard' | 'authorisation', validUntil: string, number = `${kind}-1`) => ({
  kind, number, issuer: 'SAMR', issuedOn: '2022-01-01', validUntil,
});

const facts = (over: Partial<StandardFacts> = {}): StandardFacts => ({
  category: 'enterprise-highest',
  servesSociety: true,
  suspendedReason: null,
  certificates: [cert('assessment', '2027-01-01'), cert('authorisation', '2026-06-30')],
  equipment: [{ assetNumber: 'EQ-1', usable: true, status: 'in-service' }],
  ...over,
});

describe('measurement standard scope validity', () => {
  it('R-4.1.2 names the certificates each category needs', () => {
    expect(requiredCertificates('public', false)).toEqual(['assessment', 'public-standard']);
    expect(requiredCertificates('enterprise-highest', true)).toEqual(['assessment', 'authorisation']);
    expect(requiredCertificates('enterprise-highest', false)).toEqual(['assessment']);
  });

  it('R-4.1.2 is valid until the earliest required certificate expires', () => {
    expect(scopeValidity(facts(), '2026-06-30')).toEqual({ valid: true, invalidReasons: [], validUntil: '2026-06-30' });
    const expired = scopeValidity(facts(), '2026-07-01');
    expect(expired.valid).toBe(false);
    expect(expired.invalidReasons).toEqual(['authorisation certificate authorisation-1 expired on 2026-06-30']);
  });

  it('R-4.1.2 a renewed certificate takes over from the expired one', () => {
    const renewed = facts({ certificates: [...facts().certificates, { ...cert('authorisation', '2031-06-30', 'auth-2'), issuedOn: '2026-06-01' }] });
    expect(scopeValidity(renewed, '2026-07-01')).toMatchObject({ valid: true, validUntil: '2027-01-01' });
  });

  it('R-4.1.2 a missing certificate or unusable equipment invalidates the scope', () => {
    expect(scopeValidity(facts({ certificates: [cert('assessment', '2027-01-01')] }), '2026-01-01')).toMatchObject({
      valid: false, validUntil: null, invalidReasons: ['authorisation certificate missing'],
    });
    expect(scopeValidity(facts({ equipment: [{ assetNumber: 'EQ-1', usable: false, status: 'overdue' }] }), '2026-01-01').invalidReasons).toEqual([
      'equipment EQ-1 is overdue',
    ]);
  });

  it('refuses inverted ranges and non-positive capabilities', () => {
    const item = {
      name: 'Gauge blocks', quantity: 'length', serviceKinds: ['calibration' as const], methodCodes: [],
      ranges: [{ lower: '100', upper: '0.5', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: '0', unit: 'µm', coverageFactor: '2' } }],
    };
    expect(scopeBreaches([item]).map((b) => b.field)).toEqual(['items.0.ranges.0.lower', 'items.0.ranges.0.bestMeasurementCapability.expandedUncertainty']);
  });
});
