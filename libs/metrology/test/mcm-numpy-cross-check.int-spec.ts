import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { numericalTolerance } from '../src/mcm/adaptive';
import { type McmInputSpec, samplerFor } from '../src/mcm/distributions';
import { mcm, summarise } from '../src/mcm/mcm';
import { Xoshiro256StarStar } from '../src/mcm/xoshiro';
import { compileVectorised } from '../src/model/compile';
import { parseModel } from '../src/model/parse';
import { MaxTracker, relativeDifference, runPython } from './helpers/python';
import { ModelGenerator } from './helpers/random-models';

interface NumpySummary {
  y: number;
  u: number;
  low: number;
  high: number;
  kurtosis: number;
}

const CASES = 24;
const TRIALS = 200_000;

/** Input parameters as numbers for numpy. */
const numeric = (spec: McmInputSpec): Record<string, unknown> =>
  Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, k === 'name' || k === 'dist' ? v : Number(v)]));

/**
 * The Monte Carlo method (JJF 1059.2 / GUM-S1, R-6.3.5) against a plain numpy Monte Carlo on the
 * same machine, in two ways:
 *  1. independent: numpy draws its own samples with its own generator (PCG64) and samplers, so
 *     the two results differ by sampling noise; they must agree within the GUM-S1 numerical
 *     tolerance δ (7.9.2, ndig = 1), and y and u(y) also within 5 standard errors of their
 *     difference, which is the sharper statistical test;
 *  2. same samples: numpy evaluates the model on our draws, so model evaluation, mean, standard
 *     deviation and coverage intervals must agree to rounding.
 */
describe('R-6.3.5 Monte Carlo vs numpy', () => {
  const max = new MaxTracker();
  afterAll(() => console.log(max.report(`MCM vs numpy 2.2 (${CASES} random models, ${TRIALS} trials each side)`)));

  it('agrees with an independent numpy Monte Carlo within the GUM-S1 numerical tolerance', () => {
    const generator = new ModelGenerator(7070);
    const cases = Array.from({ length: CASES }, (_, k) => ({ ...generator.mcmCase(), seed: 100 + k, coverage: k % 2 ? 'symmetric' : 'shortest' }) as const);
    const reference = runPython<{ results: NumpySummary[] }>('mcm_reference.py', {
      cases: cases.map((c) => ({ model: c.model, inputs: c.inputs.map(numeric), trials: TRIALS, seed: c.seed, p: 0.95, coverage: c.coverage })),
    }).results;
    const failures: string[] = [];
    const dists = new Set<string>();
    cases.forEach((c, k) => {
      c.inputs.forEach((i) => dists.add(i.dist));
      const ours = mcm({ model: c.model, inputs: c.inputs, trials: TRIALS, seed: c.seed, coverage: c.coverage }).values;
      const np = reference[k];
      const delta1 = numericalTolerance(np.u, 1);
      const delta2 = numericalTolerance(np.u, 2);
      const where = `case ${k}: ${c.model}`;
      for (const key of ['y', 'u', 'low', 'high'] as const) {
        const diff = Math.abs(ours[key] - np[key]);
        max.see(`|Δ${key}| / δ (ndig = 1)`, diff / delta1, where);
        max.see(`|Δ${key}| / δ (ndig = 2), for information`, diff / delta2, where);
        if (!(diff <= delta1)) failures.push(`${key}: ${ours[key]} vs ${np[key]} (δ = ${delta1}) in ${where}`);
      }
      // standard errors of the difference of two independent estimates
      const seY = Math.sqrt((2 * np.u ** 2) / TRIALS);
      const seU = np.u * Math.sqrt((2 * (np.kurtosis - 1)) / (4 * TRIALS));
      const zY = Math.abs(ours.y - np.y) / seY;
      const zU = Math.abs(ours.u - np.u) / seU;
      max.see('|Δy| in standard errors', zY, where);
      max.see('|Δu| in standard errors', zU, where);
      if (!(zY < 5 && zU < 5)) failures.push(`z(y) = ${zY.toFixed(2)}, z(u) = ${zU.toFixed(2)} in ${where}`);
    });
    expect(failures).toEqual([]);
    expect([...dists].sort()).toEqual(['arcsine', 'normal', 'rectangular', 't', 'trapezoidal', 'triangular']);
  });

  it('gives the same summary as numpy for the same samples (model, mean, sd, intervals)', () => {
    const generator = new ModelGenerator(8080);
    const dir = mkdtempSync(path.join(tmpdir(), 'mcm-'));
    try {
      const cases = Array.from({ length: 4 }, (_, k) => {
        const c = generator.mcmCase();
        const m = 100_000;
        const columns = c.inputs.map(() => new Float64Array(m));
        const rng = new Xoshiro256StarStar(k);
        const scratch = { words: new Int32Array(2 * m), u1: new Float64Array(m), u2: new Float64Array(m) };
        c.inputs.forEach((spec, i) => samplerFor(spec).fill(rng, columns[i], m, scratch));
        const file = path.join(dir, `case${k}.bin`);
        const all = new Float64Array(m * columns.length);
        columns.forEach((col, i) => all.set(col, i * m));
        writeFileSync(file, Buffer.from(all.buffer));
        const y = new Float64Array(m);
        compileVectorised(parseModel(c.model, c.inputs.map((i) => i.name)))(columns, y, m);
        const coverage = k % 2 ? ('symmetric' as const) : ('shortest' as const);
        return { model: c.model, names: c.inputs.map((i) => i.name), samples: file, trials: m, p: 0.95, coverage, ours: summarise(y, 0.95, coverage) };
      });
      const reference = runPython<{ results: NumpySummary[] }>('mcm_reference.py', { cases: cases.map((c) => ({ ...c, ours: undefined })) }).results;
      cases.forEach((c, k) => {
        for (const key of ['y', 'u', 'low', 'high'] as const) {
          const d = relativeDifference(c.ours[key], reference[k][key]);
          max.see(`same samples: relative Δ${key}`, d, `case ${k}: ${c.model}`);
          expect(d).toBeLessThan(1e-13);
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
