import { formatNumber } from '../decimal';
import { fail } from '../errors';
import { roundSigDetailed } from '../rounding/round';
import { coverageInterval, meanAndSd } from './coverage';
import { formatMcm, type McmResult, type McmSpec, prepareSimulation, summarise } from './mcm';
import { Xoshiro256StarStar } from './xoshiro';

/**
 * Numerical tolerance of a standard uncertainty (GUM-S1 7.9.2): write u with `ndig` significant
 * digits as c × 10^l; then δ = ½ × 10^l. u = 0.028 with ndig = 2 gives δ = 0.0005.
 */
export function numericalTolerance(u: number, ndig: number): number {
  if (!(u > 0)) fail('numerical tolerance needs a positive standard uncertainty');
  return 0.5 * 10 ** roundSigDetailed(formatNumber(u), ndig).exponent;
}

export interface AdaptiveResult extends McmResult {
  /** Whether every quantity was stable to δ before maxTrials was reached. */
  readonly converged: boolean;
  readonly tolerance: number;
}

/**
 * The adaptive Monte Carlo procedure of GUM-S1 7.9.4 / JJF 1059.2 §7.9: runs of
 * M = max(⌈100/(1 − p)⌉, 10⁴) trials are added until twice the standard deviation of the run
 * averages of y, u(y), y_low and y_high is within the numerical tolerance δ of u(y) (ndig
 * significant digits, default 2); the results then come from all trials together.
 * `toleranceScale` tightens δ, e.g. ⅕ when the results serve to validate the GUM (GUM-S1 8.2).
 */
export function mcmAdaptive(
  spec: Omit<McmSpec, 'trials'>,
  options: { ndig?: number; maxTrials?: number; toleranceScale?: number } = {},
): AdaptiveResult {
  const ndig = options.ndig ?? 2;
  if (!Number.isInteger(ndig) || ndig < 1 || ndig > 4) fail('ndig must be 1, 2, 3 or 4');
  const maxTrials = options.maxTrials ?? 10_000_000;
  const scale = options.toleranceScale ?? 1;
  const sim = prepareSimulation(spec);
  const rng = new Xoshiro256StarStar(spec.seed ?? 1);
  const runSize = Math.max(Math.ceil(100 / (1 - sim.p) - 1e-9), 10_000);
  let all = new Float64Array(runSize * 16);
  const runs: number[][] = []; // per run: y, u, low, high
  const batch = new Float64Array(runSize);
  let h = 0;
  let tolerance = Infinity;
  let converged = false;
  while ((h + 1) * runSize <= maxTrials) {
    sim.run(rng, batch, runSize);
    if ((h + 1) * runSize > all.length) {
      const grown = new Float64Array(all.length * 2);
      grown.set(all);
      all = grown;
    }
    all.set(batch, h * runSize);
    const { mean, sd } = meanAndSd(batch);
    const { low, high } = coverageInterval(batch, sim.p, sim.coverage);
    runs.push([mean, sd, low, high]);
    h++;
    if (h < 2) continue;
    tolerance = scale * numericalTolerance(meanAndSd(all, h * runSize).sd, ndig);
    const stable = [0, 1, 2, 3].every((q) => 2 * standardDeviationOfMean(runs.map((r) => r[q])) <= tolerance);
    if (stable) {
      converged = true;
      break;
    }
  }
  const trials = h * runSize;
  const values = summarise(all.subarray(0, trials), sim.p, sim.coverage);
  return { ...formatMcm(values, trials), converged, tolerance };
}

/** s / √h of h run results (GUM-S1 7.9.4 e). */
function standardDeviationOfMean(x: number[]): number {
  const h = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / h;
  const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / (h - 1);
  return Math.sqrt(variance / h);
}
