import { type Dec, type DecimalLike, formatDec, formatNumber, plainText, toDec } from '../decimal';
import { fail } from '../errors';
import { evaluateDecimal } from '../model/evaluate';
import { parseModel } from '../model/parse';
import { coverageFactor } from '../stats/student-t';
import { cholesky, correlationMatrix, type CorrelationSpec } from './correlation';
import { parseDof } from './dof';
import { covariance, type NumericInput, propagate } from './propagate';
import { canonicalDistribution, type TypeBSpec, typeBDecimal } from './type-b';

export interface GumInputSpec {
  readonly name: string;
  readonly estimate: DecimalLike;
  /** A standard uncertainty, or a Type B half-width with its distribution. */
  readonly u: DecimalLike | TypeBSpec;
  /** Degrees of freedom; omitted or "inf" means infinite. */
  readonly dof?: number | string;
}

export interface GumSpec {
  readonly model: string;
  readonly inputs: readonly GumInputSpec[];
  readonly correlations?: readonly CorrelationSpec[];
  /** Coverage probability, default "0.95". */
  readonly p?: DecimalLike;
  /**
   * Truncate ν_eff to the next lower integer before looking up t_p (GUM G.6.4, EA-4/02, the
   * practice of JJF 1059.1 tables); default true. False uses the fractional ν_eff.
   */
  readonly truncateDof?: boolean;
}

/** One row of the uncertainty budget (JJF 1059.1 §4.6, GUM table H.1). */
export interface BudgetRow {
  readonly name: string;
  readonly estimate: string;
  readonly u: string;
  readonly dist: string;
  readonly c: string;
  /** |cᵢ|·u(xᵢ), the contribution uᵢ(y) to the combined standard uncertainty. */
  readonly contribution: string;
  readonly dof: number;
}

export interface GumResult {
  readonly y: string;
  readonly uc: string;
  readonly dofEff: number;
  readonly k: string;
  readonly U: string;
  readonly p: string;
  readonly budget: readonly BudgetRow[];
  /** The same numbers as doubles, plus the dof t_p was looked up with. */
  readonly values: { readonly y: number; readonly uc: number; readonly k: number; readonly U: number; readonly kDof: number; readonly c: Float64Array };
}

interface Prepared {
  readonly names: string[];
  readonly numeric: NumericInput[];
  readonly estimates: Dec[];
  readonly estimateText: string[];
  readonly uText: string[];
  readonly dist: string[];
  readonly r: Float64Array | null;
}

function prepare(spec: Pick<GumSpec, 'inputs' | 'correlations'>): Prepared {
  if (!Array.isArray(spec.inputs) || spec.inputs.length === 0) fail('inputs must be a non-empty list');
  const names: string[] = [];
  const numeric: NumericInput[] = [];
  const estimates: Dec[] = [];
  const estimateText: string[] = [];
  const uText: string[] = [];
  const dist: string[] = [];
  for (const input of spec.inputs) {
    if (typeof input?.name !== 'string' || input.name === '') fail('every input needs a name');
    const label = `input ${input.name}`;
    const x = toDec(input.estimate, `${label} estimate`);
    let u: Dec;
    if (typeof input.u === 'object' && input.u !== null && 'dist' in input.u) {
      u = typeBDecimal(input.u);
      dist.push(canonicalDistribution(input.u.dist));
      uText.push(formatDec(u));
    } else {
      u = toDec(input.u, `${label} u`);
      // With only an estimate and a standard uncertainty, a Gaussian is the distribution that
      // assumes least (maximum entropy, GUM-S1 6.4.7).
      dist.push('normal');
      uText.push(plainText(input.u as DecimalLike));
    }
    if (u.isNegative()) fail(`${label}: u must not be negative`);
    names.push(input.name);
    estimates.push(x);
    estimateText.push(plainText(input.estimate));
    numeric.push({ x: x.toNumber(), u: u.toNumber(), dof: parseDof(input.dof, `${label} dof`) });
  }
  const r = correlationMatrix(names, spec.correlations);
  if (r) cholesky(r, names.length); // refuses impossible correlation sets
  return { names, numeric, estimates, estimateText, uText, dist, r };
}

/**
 * Evaluates a measurement model by the GUM uncertainty framework, JJF 1059.1-2012 (R-6.3.5,
 * R-6.4.2.2): y, sensitivity coefficients, u_c, ν_eff, k = t_p(ν_eff), U = k·u_c and the budget.
 */
export function gum(spec: GumSpec): GumResult {
  const prepared = prepare(spec);
  const model = parseModel(spec.model, prepared.names);
  const prop = propagate(model, prepared.numeric, prepared.r);
  const y = evaluateDecimal(model, prepared.estimates);
  const p = spec.p ?? '0.95';
  const truncate = spec.truncateDof ?? true;
  // Truncation forgives rounding: ν_eff = 8.999999999999996 is 9, not 8.
  const kDof = truncate && Number.isFinite(prop.dofEff) && prop.dofEff >= 1 ? Math.floor(prop.dofEff * (1 + 1e-12)) : prop.dofEff;
  const k = coverageFactor(p, kDof);
  const U = k * prop.uc;
  const budget = prepared.names.map((name, i) => ({
    name,
    estimate: prepared.estimateText[i],
    u: prepared.uText[i],
    dist: prepared.dist[i],
    c: formatNumber(prop.c[i]),
    contribution: formatNumber(Math.abs(prop.cu[i])),
    dof: prepared.numeric[i].dof,
  }));
  return {
    y: formatDec(y),
    uc: formatNumber(prop.uc),
    dofEff: prop.dofEff,
    k: formatNumber(k),
    U: formatNumber(U),
    p: toDec(p, 'p').toString(),
    budget,
    values: { y: prop.y, uc: prop.uc, k, U, kDof, c: prop.c },
  };
}

export interface GumOutputs {
  readonly results: readonly GumResult[];
  /** Correlation coefficients r(y_a, y_b) of the outputs (row-major), GUM F.1.2.3. */
  readonly correlation: Float64Array;
}

/**
 * Several models of the same inputs, with the correlation their shared inputs create between the
 * results (JJF 1059.1 §4.4.3 / GUM F.1.2.3), e.g. a calibration curve's intercept and slope.
 */
export function gumOutputs(models: readonly string[], spec: Omit<GumSpec, 'model'>): GumOutputs {
  const prepared = prepare(spec);
  const results = models.map((model) => gum({ ...spec, model }));
  const components = models.map((source) => propagate(parseModel(source, prepared.names), prepared.numeric, prepared.r).cu);
  const m = models.length;
  const correlation = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      const ua = results[a].values.uc;
      const ub = results[b].values.uc;
      correlation[a * m + b] = a === b ? 1 : ua === 0 || ub === 0 ? 0 : covariance(components[a], components[b], prepared.r) / (ua * ub);
    }
  }
  return { results, correlation };
}

