import { roundSig } from '../rounding/round';
import { gum, type GumSpec } from './gum';
import { reportResult } from './report';

/**
 * GUM (JCGM 100:2008) Annex H.1, end-gauge calibration, in millimetres (R-6.3.5, R-6.4.2.2):
 * l = lS + d − lS(δα·θ + αS·δθ), evaluated at the estimates of H.1.3 with the uncertainties of
 * table H.1. The GUM's printed figures are rounded, so they are compared rounded.
 */
const H1: GumSpec = {
  model: 'lS + d - lS*(dAlpha*theta + alphaS*dTheta)',
  inputs: [
    { name: 'lS', estimate: '50.000623', u: '0.000025', dof: 18 }, // U = 0.075 µm, k = 3
    { name: 'd', estimate: '0.000215', u: '0.0000097', dof: 25.6 }, // 5.8, 3.9, 6.7 nm combined
    { name: 'dAlpha', estimate: '0', u: { halfWidth: '0.000001', dist: 'rectangular' }, dof: 50 },
    { name: 'theta', estimate: '-0.1', u: '0.41' },
    { name: 'alphaS', estimate: '0.0000115', u: { halfWidth: '0.000002', dist: 'rectangular' } },
    { name: 'dTheta', estimate: '0', u: { halfWidth: '0.05', dist: 'rectangular' }, dof: 2 },
  ],
  p: '0.99',
};

describe('R-6.3.5 GUM Annex H.1 end gauge', () => {
  const r = gum(H1);
  const row = (name: string) => r.budget.find((b) => b.name === name)!;

  it('gives l = 50.000838 mm exactly (H.1.5)', () => {
    expect(r.y).toBe('50.000838');
  });

  it('derives the sensitivity coefficients of table H.1 from the model', () => {
    expect(row('lS').c).toBe('1');
    expect(row('d').c).toBe('1');
    expect(Number(row('dAlpha').c)).toBeCloseTo(5.0000623, 12); // −lS·θ = 5.0 mm·°C
    expect(Number(row('dTheta').c)).toBeCloseTo(-0.0005750071645, 15); // −lS·αS = −0.57 µm/°C
    expect(row('theta').c).toBe('0'); // −lS·δα, zero at δα = 0
    expect(row('alphaS').c).toBe('0'); // −lS·δθ, zero at δθ = 0
  });

  it('gives the contributions of table H.1 in nanometres: 25, 9.7, 2.9, 16.6', () => {
    const nm = (name: string) => roundSig(String(Number(row(name).contribution) * 1e6), 3);
    expect([nm('lS'), nm('d'), nm('dAlpha'), nm('dTheta')]).toEqual(['25.0', '9.70', '2.89', '16.6']);
  });

  it('gives uc(l) = 32 nm and νeff(l) = 16.7, truncated to 16 for t99 = 2.92 (H.1.6)', () => {
    expect(roundSig(r.uc, 2)).toBe('0.000032');
    expect(r.dofEff).toBeGreaterThan(16.5);
    expect(r.dofEff).toBeLessThan(17);
    expect(r.values.kDof).toBe(16);
    expect(roundSig(r.k, 3)).toBe('2.92');
  });

  it('reports l = (50.000838 ± 0.000093) mm from the GUM’s U99 = 2.92 × 32 nm', () => {
    expect(reportResult(r.y, String(2.92 * 0.000032))).toEqual({ value: '50.000838', U: '0.000093' });
    // without rounding uc to 32 nm first (GUM 7.2.6 advises against), U99 is 92.5 nm
    expect(reportResult(r.y, r.U)).toEqual({ value: '50.000838', U: '0.000092' });
  });

  it('uses the fractional νeff when truncation is switched off', () => {
    const exact = gum({ ...H1, truncateDof: false });
    expect(exact.values.kDof).toBe(exact.dofEff);
    expect(exact.values.k).toBeLessThan(r.values.k);
  });
});
