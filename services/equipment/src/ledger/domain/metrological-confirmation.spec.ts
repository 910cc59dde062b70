import { CalibrationPoint, confirmMetrologically } from './metrological-confirmation';

const point = (error: string, U = '0.010', over: Partial<CalibrationPoint> = {}): CalibrationPoint => ({
  point: '50 mm', nominal: '50', error, expandedUncertainty: U, coverageFactor: '2', unit: 'µm', mpe: null, ...over,
});

describe('metrological confirmation', () => {
  const guarded = { mpe: '0.050', unit: 'µm', rule: 'guarded' as const };

  it('R-5.5.4 confirms an error exactly on the guard-banded acceptance limit (MPE − U)', () => {
    expect(confirmMetrologically([point('0.040')], guarded).outcome).toBe('confirmed');
    expect(confirmMetrologically([point('-0.040')], guarded).outcome).toBe('confirmed');
  });

  it('R-5.5.4 refuses an error just beyond the guard band, though still within the MPE', () => {
    const outcome = confirmMetrologically([point('0.040'), point('0.041')], guarded);
    expect(outcome.outcome).toBe('not-confirmed');
    expect(outcome.points.map((p) => p.decision)).toEqual(['pass', 'fail']);
  });

  it('R-5.5.4 the simple rule accepts up to the MPE itself', () => {
    expect(confirmMetrologically([point('0.050')], { ...guarded, rule: 'simple' }).outcome).toBe('confirmed');
    expect(confirmMetrologically([point('0.0501')], { ...guarded, rule: 'simple' }).outcome).toBe('not-confirmed');
  });

  it('R-5.5.4 uses a point-specific MPE where given', () => {
    expect(confirmMetrologically([point('0.080', '0.010', { mpe: '0.090' })], guarded).outcome).toBe('confirmed');
  });

  it('R-5.5.4 cannot confirm when the uncertainty alone exceeds the MPE', () => {
    expect(confirmMetrologically([point('0', '0.060')], guarded).outcome).toBe('not-confirmed');
  });
});
