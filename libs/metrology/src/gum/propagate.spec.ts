import { MetrologyError } from '../errors';
import { gum, gumOutputs } from './gum';

const input = (name: string, u: string, dof?: number) => ({ name, estimate: '1', u, dof });

describe('R-6.3.5 law of propagation and Welch–Satterthwaite (JJF 1059.1 §4.4–4.5)', () => {
  it('adds independent contributions in quadrature', () => {
    const r = gum({ model: 'a + 2*b', inputs: [input('a', '0.3'), input('b', '0.2')] });
    expect(r.values.uc).toBeCloseTo(0.5, 15);
    expect(r.dofEff).toBe(Infinity);
  });

  it('includes correlation terms 2·c₁c₂·u₁u₂·r (GUM eq. 16)', () => {
    const spec = { model: 'a + b', inputs: [input('a', '0.3'), input('b', '0.4')] };
    expect(gum({ ...spec, correlations: [{ a: 'a', b: 'b', r: '1' }] }).values.uc).toBeCloseTo(0.7, 15);
    expect(gum({ ...spec, correlations: [{ a: 'a', b: 'b', r: '-1' }] }).values.uc).toBeCloseTo(0.1, 15);
    expect(gum({ ...spec, correlations: [{ a: 'a', b: 'b', r: '0.5' }] }).values.uc).toBeCloseTo(Math.sqrt(0.09 + 0.16 + 0.12), 15);
  });

  it('computes νeff = uc⁴ / Σ uᵢ⁴/νᵢ', () => {
    expect(gum({ model: 'a + b', inputs: [input('a', '0.1', 10), input('b', '0.1', 10)] }).dofEff).toBeCloseTo(20, 12);
    // one dominant Type A component with 4 dof and a Type B with infinite dof
    const r = gum({ model: 'a + b', inputs: [input('a', '0.3', 4), input('b', '0.4')] });
    expect(r.dofEff).toBeCloseTo((0.25 ** 2 / 0.3 ** 4) * 4, 12);
  });

  it('treats correlated inputs with one shared dof as one component (Willink 2007)', () => {
    const r = gum({ model: 'a + b', inputs: [input('a', '0.1', 5), input('b', '0.1', 5)], correlations: [{ a: 'a', b: 'b', r: '1' }] });
    expect(r.dofEff).toBeCloseTo(5, 12);
    expect(r.values.kDof).toBe(5); // truncating 4.999999999999999 would give 4
  });

  it('gives a correlated group of differing dof the smallest of them (conservative)', () => {
    const r = gum({ model: 'a + b', inputs: [input('a', '0.1', 5), input('b', '0.1', 50)], correlations: [{ a: 'a', b: 'b', r: '0.5' }] });
    expect(r.dofEff).toBeCloseTo(5, 12);
  });

  it('refuses correlation sets no joint distribution can have, and bad pairs', () => {
    const inputs = [input('a', '1'), input('b', '1'), input('c', '1')];
    const correlations = [
      { a: 'a', b: 'b', r: '0.9' },
      { a: 'b', b: 'c', r: '0.9' },
      { a: 'a', b: 'c', r: '-0.9' },
    ];
    expect(() => gum({ model: 'a + b + c', inputs, correlations })).toThrow(/positive semidefinite/);
    expect(() => gum({ model: 'a', inputs, correlations: [{ a: 'a', b: 'z', r: '0.1' }] })).toThrow(/unknown input "z"/);
    expect(() => gum({ model: 'a', inputs, correlations: [{ a: 'a', b: 'b', r: '1.1' }] })).toThrow(MetrologyError);
    expect(() => gum({ model: 'a', inputs, correlations: [{ a: 'a', b: 'a', r: '1' }] })).toThrow(/itself/);
  });

  it('gives the correlation between two results of shared inputs (GUM F.1.2.3)', () => {
    const spec = { inputs: [input('a', '0.1'), input('b', '0.1')] };
    const r = gumOutputs(['a + b', 'a - b', 'a'], spec);
    expect(r.correlation[1]).toBeCloseTo(0, 15); // sum and difference of equal, independent u
    expect(r.correlation[2]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(r.correlation[4]).toBe(1);
  });

  it('refuses negative uncertainties, bad dof and models that cannot be differentiated', () => {
    expect(() => gum({ model: 'a', inputs: [input('a', '-0.1')] })).toThrow(/negative/);
    expect(() => gum({ model: 'a', inputs: [input('a', '0.1', 0)] })).toThrow(/dof/);
    expect(() => gum({ model: 'sqrt(a - 1)', inputs: [input('a', '0.1')] })).toThrow(/differentiable/);
    expect(() => gum({ model: 'a', inputs: [] })).toThrow(/non-empty/);
  });
});
