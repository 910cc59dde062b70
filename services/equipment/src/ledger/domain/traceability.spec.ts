import { CalibrationLinkFact, traceChain, TraceabilitySource } from './traceability';

const external = (over: Partial<Extract<CalibrationLinkFact['reference'], { kind: 'external' }>> = {}): CalibrationLinkFact['reference'] => ({
  kind: 'external', name: 'NIM gauge block interferometer', certificateNumber: 'NIM-1', validUntil: '2027-01-01',
  traceableTo: 'national-primary-standard', nationalStandard: 'National primary standard of length', comparisonEvidence: null, ...over,
});

function source(calibrations: Record<string, CalibrationLinkFact[]>): TraceabilitySource {
  return {
    equipment: (id) => (id in calibrations ? { id, assetNumber: id.toUpperCase(), name: id } : undefined),
    calibrationInForce: (id, on) =>
      (calibrations[id] ?? []).filter((c) => c.calibratedOn <= on).sort((a, b) => b.calibratedOn.localeCompare(a.calibratedOn))[0],
  };
}

const cal = (id: string, calibratedOn: string, validUntil: string, reference: CalibrationLinkFact['reference']): CalibrationLinkFact => ({
  calibrationId: id, certificateNumber: `C-${id}`, issuer: 'lab', calibratedOn, validUntil, reference,
});

describe('traceability chain', () => {
  it('R-5.3.2 follows own standards up to an external calibration traced to a national primary standard', () => {
    const chain = traceChain('gauge', '2026-03-01', source({
      gauge: [cal('g1', '2025-06-01', '2026-05-31', { kind: 'own-equipment', equipmentId: 'master' })],
      master: [cal('m1', '2025-01-10', '2026-01-09', external()), cal('m2', '2026-01-05', '2027-01-04', external({ validUntil: '2028-01-01' }))],
    }));
    expect(chain.intact).toBe(true);
    expect(chain.links.map((l) => [l.equipmentId, l.calibration?.calibrationId])).toEqual([['gauge', 'g1'], ['master', 'm1']]);
    expect(chain.end).toMatchObject({ kind: 'national-primary-standard', broken: null });
  });

  it('R-5.3.2 flags a link whose calibration had expired on the day it was used', () => {
    const chain = traceChain('gauge', '2026-03-01', source({
      gauge: [cal('g1', '2025-06-01', '2026-05-31', { kind: 'own-equipment', equipmentId: 'master' })],
      master: [cal('m1', '2024-01-10', '2025-01-09', external())],
    }));
    expect(chain.intact).toBe(false);
    expect(chain.breaks).toEqual([{ equipmentId: 'master', reason: 'calibration-expired' }]);
  });

  it('R-5.3.2 flags missing and expired links of the equipment itself', () => {
    expect(traceChain('gauge', '2026-03-01', source({ gauge: [] })).breaks).toEqual([{ equipmentId: 'gauge', reason: 'no-calibration' }]);
    const expired = traceChain('gauge', '2026-03-01', source({ gauge: [cal('g1', '2025-01-01', '2025-12-31', external())] }));
    expect(expired.breaks).toEqual([{ equipmentId: 'gauge', reason: 'calibration-expired' }]);
  });

  it('R-5.3.3 accepts an alternative reference only with comparison evidence', () => {
    const withEvidence = traceChain('x', '2026-03-01', source({
      x: [cal('x1', '2026-01-01', '2026-12-31', external({ traceableTo: 'alternative-reference', comparisonEvidence: 'CNAS interlab comparison 2025-17' }))],
    }));
    expect(withEvidence.intact).toBe(true);
    const without = traceChain('x', '2026-03-01', source({ x: [cal('x1', '2026-01-01', '2026-12-31', external({ traceableTo: 'alternative-reference' }))] }));
    expect(without.breaks).toEqual([{ equipmentId: null, reason: 'comparison-evidence-missing' }]);
  });

  it('detects circular references instead of looping', () => {
    const chain = traceChain('a', '2026-03-01', source({
      a: [cal('a1', '2026-01-01', '2026-12-31', { kind: 'own-equipment', equipmentId: 'b' })],
      b: [cal('b1', '2025-12-01', '2026-11-30', { kind: 'own-equipment', equipmentId: 'a' })],
    }));
    expect(chain.breaks.map((b) => b.reason)).toContain('circular-reference');
  });
});
