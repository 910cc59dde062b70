import { type DecimalLike, formatNumber, toDec } from '../decimal';
import { fail } from '../errors';
import { cholesky, correlationMatrix, type CorrelationSpec } from '../gum/correlation';
import { compileVectorised, type VectorisedModel } from '../model/compile';
import { parseModel } from '../model/parse';
import { type CoverageKind, coverageInterval, meanAndSd } from './coverage';
import { type McmInputSpec, type Sampler, samplerFor, type Scratch } from './distributions';
import { Xoshiro256StarStar } from './xoshiro';

const { isFinite } = Number; // bound once: global lookups are slow in a vm sandbox (Jest)

export interface McmSpec {
  readonly model: string;
  readonly inputs: readonly McmInputSpec[];
  /** Correlations between normal inputs (multivariate Gaussian, GUM-S1 6.4.8). */
  readonly correlations?: readonly CorrelationSpec[];
  /** Number of trials M; see mcmAdaptive for choosing it automatically. */
  readonly trials?: number;
  /** Seed of the generator; the same seed gives the same result (default 1). */
  readonly seed?: number;
  /** Coverage probability, default "0.95". */
  readonly p?: DecimalLike;
  /** Default 'shortest', the interval GUM-S1 5.3.4 prefers (it also suits asymmetric output). */
  readonly coverage?: CoverageKind;
}

export interface McmValues {
  readonly y: number;
  readonly u: number;
  readonly low: number;
  readonly high: number;
}

export interface McmResult {
  readonly y: string;
  readonly u: string;
  readonly low: string;
  readonly high: string;
  readonly trials: number;
  readonly values: McmValues;
}

const BLOCK = 8192;

/** A model, its samplers and buffers, ready to produce model values block by block. */
export interface Simulation {
  readonly p: number;
  readonly coverage: CoverageKind;
  readonly samplers: readonly Sampler[];
  /** out[0..n) ← n model values from fresh draws of every input. */
  run(rng: Xoshiro256StarStar, out: Float64Array, n: number): void;
}

export function prepareSimulation(spec: Omit<McmSpec, 'trials' | 'seed'>): Simulation {
  if (!Array.isArray(spec.inputs) || spec.inputs.length === 0) fail('inputs must be a non-empty list');
  const names = spec.inputs.map((i) => i.name);
  const model = parseModel(spec.model, names);
  const compiled: VectorisedModel = compileVectorised(model);
  const samplers = spec.inputs.map(samplerFor);
  const p = toDec(spec.p ?? '0.95', 'p');
  if (!(p.greaterThan(0) && p.lessThan(1))) fail('p must be between 0 and 1');
  const groups = correlatedNormalGroups(names, samplers, correlationMatrix(names, spec.correlations));
  const columns = names.map(() => new Float64Array(BLOCK));
  const scratch: Scratch = { words: new Int32Array(2 * BLOCK), u1: new Float64Array(BLOCK), u2: new Float64Array(BLOCK) };
  const y = new Float64Array(BLOCK);
  const z = new Float64Array(names.length);

  function run(rng: Xoshiro256StarStar, out: Float64Array, n: number): void {
    for (let start = 0; start < n; start += BLOCK) {
      const len = Math.min(BLOCK, n - start);
      samplers.forEach((s, i) => s.fill(rng, columns[i], len, scratch));
      for (const g of groups) correlate(g, columns, len, samplers, z);
      compiled(columns, y, len);
      let bad = 0;
      for (let i = 0; i < len; i++) if (!isFinite(y[i])) bad++;
      if (bad > 0) fail(`model ${JSON.stringify(spec.model)} gave ${bad} non-finite value(s), e.g. a logarithm or square root of a negative draw`);
      out.set(len === BLOCK ? y : y.subarray(0, len), start);
    }
  }
  return { p: p.toNumber(), coverage: spec.coverage ?? 'shortest', samplers, run };
}

interface NormalGroup {
  readonly members: number[];
  /** Cholesky factor of the group's correlation matrix, row-major. */
  readonly l: Float64Array;
}

/** Groups of inputs joined by correlations; only normal inputs may be correlated here. */
function correlatedNormalGroups(names: readonly string[], samplers: readonly Sampler[], r: Float64Array | null): NormalGroup[] {
  if (!r) return [];
  const n = names.length;
  const seen = new Set<number>();
  const groups: NormalGroup[] = [];
  for (let i = 0; i < n; i++) {
    if (seen.has(i)) continue;
    const members = [i];
    seen.add(i);
    for (let k = 0; k < members.length; k++) {
      for (let j = 0; j < n; j++) {
        if (!seen.has(j) && r[members[k] * n + j] !== 0) {
          seen.add(j);
          members.push(j);
        }
      }
    }
    if (members.length === 1) continue;
    for (const m of members) {
      if (!samplers[m].normal) fail(`input ${names[m]}: correlations are supported between normal inputs only (GUM-S1 6.4.8)`);
    }
    members.sort((a, b) => a - b);
    const sub = new Float64Array(members.length ** 2);
    members.forEach((a, x) => members.forEach((b, y) => (sub[x * members.length + y] = r[a * n + b])));
    groups.push({ members, l: cholesky(sub, members.length) });
  }
  return groups;
}

/** Turns the group's N(μ, σ²) columns into correlated ones: x = μ + σ·(L z), z standard normal. */
function correlate(g: NormalGroup, columns: Float64Array[], len: number, samplers: readonly Sampler[], z: Float64Array): void {
  const m = g.members.length;
  const params = g.members.map((i) => samplers[i].normal!);
  for (let t = 0; t < len; t++) {
    for (let a = 0; a < m; a++) z[a] = (columns[g.members[a]][t] - params[a].mean) / (params[a].sd || 1);
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let b = 0; b <= a; b++) s += g.l[a * m + b] * z[b];
      columns[g.members[a]][t] = params[a].mean + params[a].sd * s;
    }
  }
}

/** Estimate, standard uncertainty and coverage interval of the model values (reorders them). */
export function summarise(values: Float64Array, p: number, coverage: CoverageKind): McmValues {
  const { mean, sd } = meanAndSd(values);
  const { low, high } = coverageInterval(values, p, coverage);
  return { y: mean, u: sd, low, high };
}

export function formatMcm(values: McmValues, trials: number): McmResult {
  return {
    y: formatNumber(values.y),
    u: formatNumber(values.u),
    low: formatNumber(values.low),
    high: formatNumber(values.high),
    trials,
    values,
  };
}

/**
 * Propagation of distributions by the Monte Carlo method, JJF 1059.2-2012 / GUM Supplement 1
 * with a fixed number of trials: y is the mean of the model values, u their standard
 * deviation, and the coverage interval comes from their order statistics (GUM-S1 7.5–7.7).
 */
export function mcm(spec: McmSpec): McmResult {
  const trials = spec.trials ?? 1_000_000;
  if (!Number.isInteger(trials) || trials < 100 || trials > 50_000_000) fail('trials must be an integer from 100 to 5·10⁷');
  const sim = prepareSimulation(spec);
  const values = new Float64Array(trials);
  sim.run(new Xoshiro256StarStar(spec.seed ?? 1), values, trials);
  return formatMcm(summarise(values, sim.p, sim.coverage), trials);
}
