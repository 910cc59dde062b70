import { gumOutputs } from '../src/gum/gum';
import { MaxTracker, relativeDifference, runPython } from './helpers/python';
import { ModelGenerator, type RandomCase } from './helpers/random-models';

interface GtcOutput {
  y: number;
  uc: number;
  c: number[];
  dof: number | 'inf' | null;
}
interface GtcResult {
  outputs: GtcOutput[];
  correlation: number[][];
}

const CASES = 300;
const TOLERANCE = 1e-9;
/**
 * Some random models have a sensitivity that is exactly zero in mathematics (x2/x2, or
 * pow(x2, 0.25)/pow(1.054·x2, 0.25)); both programs then return rounding residue (~1e-17) whose
 * relative difference means nothing. Differences are therefore taken relative to the larger of
 * the two values or a floor on the scale that matters: 10⁻⁶·u_c for a contribution cᵢu(xᵢ) (so
 * every contribution above a millionth of u_c is compared with full relative precision), and
 * 10⁻¹² for 1/ν_eff (ν_eff above 10¹² is infinite for every purpose).
 */
const CONTRIBUTION_FLOOR = 1e-6;
const DOF_FLOOR = 1e-12;
const relativeWithFloor = (a: number, b: number, floor: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor));

/**
 * Cross-validation of the GUM framework (JJF 1059.1, R-6.3.5) against the GUM Tree Calculator
 * (GTC 1.5.1, Measurement Standards Laboratory of New Zealand), an independent implementation:
 * for a few hundred random models, y, u_c, every sensitivity coefficient, ν_eff (with
 * correlated ensembles) and the correlation between two results of the same inputs.
 */
describe('R-6.3.5 GUM framework vs GTC on random models', () => {
  const generator = new ModelGenerator(20240603);
  const cases: RandomCase[] = Array.from({ length: CASES }, () => generator.next());
  const reference = runPython<{ results: GtcResult[] }>('gtc_reference.py', {
    cases: cases.map((c) => ({
      ...c,
      inputs: c.inputs.map((i) => ({ name: i.name, x: Number(i.x), u: Number(i.u), dof: i.dof })),
      correlations: c.correlations.map((r) => ({ ...r, r: Number(r.r) })),
    })),
  }).results;
  const max = new MaxTracker();

  afterAll(() => {
    console.log(max.report(`GUM vs GTC 1.5.1, ${CASES} random models × 2 outputs: largest relative differences`));
  });

  it(`agrees on y, u_c, sensitivity coefficients, ν_eff and output correlations to < ${TOLERANCE}`, () => {
    const failures: string[] = [];
    let finiteDof = 0;
    let correlated = 0;
    let zeroSensitivities = 0;
    cases.forEach((c, k) => {
      const inputs = c.inputs.map((i) => ({ name: i.name, estimate: i.x, u: i.u, dof: i.dof }));
      const ours = gumOutputs(c.models, { inputs, correlations: c.correlations });
      const ref = reference[k];
      if (c.correlations.length > 0) correlated++;
      const check = (label: string, value: number, where: string): void => {
        max.see(label, value, where);
        if (!(value < TOLERANCE)) failures.push(`${label} ${value.toExponential(2)} in case ${k}: ${where}`);
      };
      ours.results.forEach((r, m) => {
        const g = ref.outputs[m];
        const where = `case ${k}, y = ${c.models[m]}`;
        check('y', relativeDifference(r.values.y, g.y), where);
        check('u_c', relativeDifference(r.values.uc, g.uc), where);
        r.values.c.forEach((ci, i) => {
          const ui = Number(c.inputs[i].u);
          if (Math.max(Math.abs(ci), Math.abs(g.c[i])) * ui < 1e-12 * g.uc) {
            zeroSensitivities++;
            check('zero sensitivity: residue |Δ(c_i·u_i)| / u_c', (Math.abs(ci - g.c[i]) * ui) / g.uc, `${where}, ${c.inputs[i].name}`);
          } else {
            check('sensitivity coefficient c_i', relativeWithFloor(ci * ui, g.c[i] * ui, CONTRIBUTION_FLOOR * g.uc), `${where}, ${c.inputs[i].name}`);
          }
        });
        if (g.dof !== 'inf') finiteDof++;
        const inverse = (nu: number | 'inf' | null): number => (nu === 'inf' || nu === Infinity ? 0 : (nu as number));
        const inverseOurs = r.dofEff === Infinity ? 0 : 1 / r.dofEff;
        const inverseGtc = g.dof === 'inf' ? 0 : 1 / inverse(g.dof);
        check('effective degrees of freedom ν_eff (as 1/ν)', relativeWithFloor(inverseOurs, inverseGtc, DOF_FLOOR), where);
      });
      check('correlation r(y1, y2) (absolute)', Math.abs(ours.correlation[1] - ref.correlation[0][1]), `case ${k}`);
    });
    expect(failures).toEqual([]);
    // the generated set really exercises what it claims to
    expect(finiteDof).toBeGreaterThan(CASES);
    expect(correlated).toBeGreaterThan(CASES / 3);
    expect(max.get('u_c')).toBeGreaterThan(0); // the comparison saw real floating-point differences, not a copy
    console.log(`${finiteDof} outputs with finite ν_eff, ${correlated} cases with correlated inputs, ${zeroSensitivities} sensitivities exactly zero in mathematics`);
  });
});
