import { formatNumber } from '../decimal';
import { gum, type GumResult } from '../gum/gum';
import { mcmAdaptive, numericalTolerance } from './adaptive';
import { samplerFor } from './distributions';
import { mcm, type McmResult, type McmSpec } from './mcm';

export interface Validation {
  /** True when the GUM interval y ± U agrees with the Monte Carlo interval to within δ. */
  readonly validated: boolean;
  readonly dLow: string;
  readonly dHigh: string;
  /** Numerical tolerance δ of u_c(y) with ndig significant digits (GUM-S1 7.9.2). */
  readonly delta: string;
  readonly gum: GumResult;
  readonly mcm: McmResult;
}

/**
 * Validation of the GUM uncertainty framework by the Monte Carlo method, GUM-S1 §8 / JJF 1059.2
 * §8: with d_low = |y − U − y_low| and d_high = |y + U − y_high|, the GUM result is
 * validated when both are at most δ. The GUM side sees each input as the GUM would: the
 * distribution's expectation, its standard deviation (t inputs: the scale with ν dof, as a Type A
 * evaluation gives them). Without `trials` the Monte Carlo side runs adaptively to δ/5 (GUM-S1
 * 8.2), so that its own sampling noise cannot decide the comparison.
 */
export function validateGum(spec: McmSpec, options: { ndig?: number; truncateDof?: boolean } = {}): Validation {
  const ndig = options.ndig ?? 2;
  const inputs = spec.inputs.map((input) => ({ name: input.name, ...samplerFor(input).gum }));
  const g = gum({ model: spec.model, inputs, correlations: spec.correlations, p: spec.p, truncateDof: options.truncateDof });
  const m = spec.trials === undefined ? mcmAdaptive(spec, { ndig, toleranceScale: 0.2 }) : mcm(spec);
  const delta = numericalTolerance(g.values.uc, ndig);
  const dLow = Math.abs(g.values.y - g.values.U - m.values.low);
  const dHigh = Math.abs(g.values.y + g.values.U - m.values.high);
  return {
    validated: dLow <= delta && dHigh <= delta,
    dLow: formatNumber(dLow),
    dHigh: formatNumber(dHigh),
    delta: formatNumber(delta),
    gum: g,
    mcm: m,
  };
}
