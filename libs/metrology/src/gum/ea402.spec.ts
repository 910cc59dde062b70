import { roundSig } from '../rounding/round';
import { gum } from './gum';
import { reportResult } from './report';
import { typeA } from './type-a';

/**
 * EA-4/02 M:2022, example S2: calibration of a weight of nominal value 10 kg against a reference
 * weight, in grams (R-6.3.5, R-6.4.2.2). m_X = m_S + δm_D + δm + δm_C + δB.
 */
describe('R-6.3.5 EA-4/02 example S2, 10 kg weight', () => {
  // δm: mean of three readings with the pooled s(δm) = 25 mg of an earlier series
  const dm = typeA(['0.010', '0.030', '0.020'], { s: '0.025', dof: 50 });
  const r = gum({
    model: 'mS + dD + dm + dC + dB',
    inputs: [
      { name: 'mS', estimate: '10000.005', u: { halfWidth: '0.045', dist: 'normal', k: '2' } },
      { name: 'dD', estimate: '0.000', u: { halfWidth: '0.015', dist: 'rectangular' } },
      { name: 'dm', estimate: dm.mean, u: dm.u },
      { name: 'dC', estimate: '0.000', u: { halfWidth: '0.010', dist: 'rectangular' } },
      { name: 'dB', estimate: '0.000', u: { halfWidth: '0.010', dist: 'rectangular' } },
    ],
    p: '0.9545',
  });

  it('has the budget of table S2: 22.5, 8.66, 14.4, 5.77, 5.77 mg', () => {
    expect(r.budget.map((b) => roundSig(String(Number(b.contribution) * 1000), 3))).toEqual(['22.5', '8.66', '14.4', '5.77', '5.77']);
  });

  it('gives m_X = 10 000.025 g with uc = 29.3 mg and k = 2', () => {
    expect(r.y).toBe('10000.025');
    expect(roundSig(r.uc, 3)).toBe('0.0293');
    expect(r.k).toBe('2');
  });

  it('reports m_X = (10 000.025 ± 0.059) g', () => {
    expect(reportResult(r.y, r.U)).toEqual({ value: '10000.025', U: '0.059' });
  });
});
