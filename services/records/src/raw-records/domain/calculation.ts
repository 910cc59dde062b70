import {
  Dec, dofToJson, gum, GumInputSpec, mcm, McmInputSpec, MetrologyError, reportResult, roundSigDetailed, roundToInterval, typeA, TypeBSpec,
} from '@calchain/metrology';
import { canonicalHash } from '../../chain/domain/canonical';
import { Adjustment, MethodSnapshot, Observation } from './record-state';
import { Violation, violation } from './rules';
import { convert, RELATIVE_UNITS } from './units';

/** How one model input gets its value and uncertainty when the readings alone do not give them. */
export interface InputSpec {
  estimate?: string;
  /** A standard uncertainty, or a Type B half-width with its distribution (JJF 1059.1 §4.3.3). */
  u?: string | { halfWidth: string; dist: string; k?: string; beta?: string };
  dof?: string | number;
  /** Where the value comes from: a certificate number, a specification clause, a resolution. */
  source: string;
}

/**
 * What the calibrator asks the server to evaluate. The model itself is the
 * method version's; readings give the Type A inputs; this spec gives the rest and says how to
 * report. It is stored with the result, so the evaluation can be repeated from the record alone.
 */
export interface CalculationSpec {
  quantity: string;
  unit: string;
  uncertaintyUnit?: string;
  /** Whether the model's output is the measured value itself or the error of indication. */
  outputKind: 'value' | 'error';
  /** The reading whose mean is the indicated value (outputKind 'error'). */
  indicationSymbol?: string | null;
  /** The input giving the reference value; null: the point's nominal value. */
  referenceSymbol?: string | null;
  p?: string;
  evaluation?: 'gum' | 'monte-carlo';
  trials?: number;
  seed?: number;
  reportMode?: 'round' | 'up';
  digits?: 1 | 2;
  inputs?: Record<string, InputSpec>;
  points?: Record<string, { inputs?: Record<string, InputSpec>; limit?: string }>;
  /** Check-standard values expected at points (R-8.2 disagreement check). */
  checkStandards?: { point: string; expected: string; expandedUncertainty: string }[];
}

export interface StoredInput {
  name: string;
  estimate: string;
  u: string | { halfWidth: string; dist: string; k?: string; beta?: string };
  dof: string;
  typeA: { n: number; values: string[]; s: string } | null;
  source: string;
}

/** Everything needed to reproduce one result from the record alone. */
export interface StoredBudget {
  resultId: string;
  evaluation: 'gum' | 'monte-carlo';
  model: { output: string; expression: string };
  p: string;
  inputs: StoredInput[];
  gum: { y: string; uc: string; dofEff: string; k: string; U: string; budget: { name: string; estimate: string; u: string; dist: string; c: string; contribution: string; dof: string }[] };
  monteCarlo: { trials: number; seed: number; y: string; u: string; low: string; high: string } | null;
  /** The value and expanded uncertainty before reporting, in the result's unit. */
  y: string;
  uc: string;
  k: string;
  U: string;
  report: { mode: 'round' | 'up'; digits: 1 | 2; value: string; U: string };
}

export interface CalculatedResult {
  resultId: string;
  quantity: string;
  point: string;
  nominal: string | null;
  adjustment: Adjustment;
  measuredValue: string;
  referenceValue: string | null;
  error: string | null;
  correction: string | null;
  unit: string;
  expandedUncertainty: string;
  uncertaintyUnit: string;
  coverageFactor: string;
  coverageProbability: string;
  limit: string | null;
  budgetHash: string;
  readings: number;
}

export const resultIdOf = (point: string, adjustment: Adjustment) =>
  adjustment === 'not-adjusted' ? point : `${point} [${adjustment === 'before-adjustment' ? 'before' : 'after'}]`;

const dofText = (dof: number) => String(dofToJson(dof));
const decimalsOf = (text: string) => (text.includes('.') ? text.split('.')[1].length : 0);

/** A decimal with the power-of-ten factor applied, keeping the significant digits it had. */
function scaled(text: string, from: string, to: string): string | null {
  const value = convert(text, from, to);
  if (value === null) return null;
  const shift = Math.round(Math.log10(new Dec(text).isZero() ? 1 : value.dividedBy(text).abs().toNumber()));
  return value.toFixed(Math.max(0, decimalsOf(text) - shift));
}

export class CalculationError extends Error {
  constructor(readonly violations: Violation[]) {
    super(violations.map((v) => v.message).join('; '));
  }
}

/**
 * Evaluates every (point, adjustment) group of readings by the method's measurement model:
 * Type A from repeats, the rest from the spec, the GUM (JJF 1059.1) or Monte Carlo (JJF 1059.2)
 * through @calchain/metrology, reported per GB/T 8170 with U to at most two significant figures.
 */
export function calculate(method: MethodSnapshot, readings: readonly Observation[], spec: CalculationSpec): { results: CalculatedResult[]; budgets: StoredBudget[] } {
  const model = method.measurementModel;
  if (!model) throw new CalculationError([violation('R-6.3.2', 'methodVersion', 'measurement-model', `method ${method.code} has no measurement model`)]);
  const groups = new Map<string, Observation[]>();
  for (const r of readings) {
    const key = resultIdOf(r.point!, r.adjustment);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  if (groups.size === 0) throw new CalculationError([violation('R-6.3.2', 'readings', 'readings-present', 'there are no readings to evaluate')]);
  const problems: Violation[] = [];
  const results: CalculatedResult[] = [];
  const budgets: StoredBudget[] = [];
  const p = spec.p ?? '0.95';
  const reportMode = spec.reportMode ?? 'round';
  const digits = spec.digits ?? 2;
  const uncertaintyUnit = spec.uncertaintyUnit ?? spec.unit;

  for (const [resultId, group] of groups) {
    const point = group[0].point!;
    const adjustment = group[0].adjustment;
    const nominal = group.find((g) => g.nominal !== null)?.nominal ?? null;
    const pointSpec = spec.points?.[point];
    const inputs: StoredInput[] = [];
    for (const name of model.inputs) {
      const values = group.filter((g) => g.symbol === name).map((g) => g.value);
      const given = pointSpec?.inputs?.[name] ?? spec.inputs?.[name];
      if (values.length > 0) {
        if (given?.u !== undefined) {
          const mean = Dec.sum(...values.map((v) => new Dec(v))).dividedBy(values.length);
          inputs.push({ name, estimate: values.length === 1 ? values[0] : mean.toString(), u: given.u, dof: String(given.dof ?? 'inf'), typeA: null, source: given.source });
        } else if (values.length >= 2) {
          const a = typeA(values);
          inputs.push({ name, estimate: a.mean, u: a.u, dof: dofText(a.dof), typeA: { n: values.length, values, s: a.s }, source: `Type A, ${values.length} readings` });
        } else {
          problems.push(violation('R-6.3.5', `inputs.${name}`, 'uncertainty-given', `${resultId}: ${name} was read once; give its standard uncertainty (e.g. from the resolution)`));
        }
      } else if (given?.estimate !== undefined && given.u !== undefined) {
        inputs.push({ name, estimate: given.estimate, u: given.u, dof: String(given.dof ?? 'inf'), typeA: null, source: given.source });
      } else {
        problems.push(violation('R-6.3.2', `inputs.${name}`, 'input-known', `${resultId}: input ${name} of the model has neither readings nor a given estimate and uncertainty`));
      }
    }
    if (problems.length) continue;
    try {
      const gumInputs: GumInputSpec[] = inputs.map((i) => ({ name: i.name, estimate: i.estimate, u: i.u as string | TypeBSpec, dof: i.dof }));
      const g = gum({ model: model.expression, inputs: gumInputs, p });
      let y = g.y;
      let uc = g.uc;
      let U = g.U;
      let k = g.k;
      let monteCarlo: StoredBudget['monteCarlo'] = null;
      if ((spec.evaluation ?? 'gum') === 'monte-carlo') {
        const trials = spec.trials ?? 200_000;
        const seed = spec.seed ?? 1;
        const m = mcm({ model: model.expression, inputs: inputs.map(toMcmInput), p, trials, seed });
        monteCarlo = { trials, seed, y: m.y, u: m.u, low: m.low, high: m.high };
        y = m.y;
        uc = m.u;
        U = new Dec(m.high).minus(m.low).dividedBy(2).toString();
        k = new Dec(U).dividedBy(m.u).toSignificantDigits(6).toString();
      }
      const report = reportResult(y, U, { mode: reportMode, digits });
      const interval = `1e-${decimalsOf(report.U)}`;
      const mean = (symbol: string | null | undefined) => {
        if (!symbol) return null;
        const input = inputs.find((i) => i.name === symbol);
        if (input) return input.estimate;
        const values = group.filter((r) => r.symbol === symbol).map((r) => new Dec(r.value));
        return values.length ? Dec.sum(...values).dividedBy(values.length).toString() : null;
      };
      const reference = spec.referenceSymbol ? mean(spec.referenceSymbol) : nominal;
      let measuredValue: string;
      let error: string | null;
      if (spec.outputKind === 'error') {
        const indicated = mean(spec.indicationSymbol);
        if (indicated === null) {
          problems.push(violation('R-6.3.2', 'indicationSymbol', 'indication-read', `${resultId}: no readings of the indication ${spec.indicationSymbol ?? '(not named)'}`));
          continue;
        }
        measuredValue = roundToInterval(indicated, interval);
        error = report.value;
      } else {
        measuredValue = report.value;
        error = reference === null ? null : roundToInterval(new Dec(y).minus(reference).toString(), interval);
      }
      let expandedUncertainty = report.U;
      if (uncertaintyUnit !== spec.unit) {
        const relative = RELATIVE_UNITS[uncertaintyUnit];
        if (relative) {
          if (new Dec(y).isZero()) throw new MetrologyError(`${resultId}: a relative uncertainty needs a value other than zero`);
          expandedUncertainty = roundSigDetailed(new Dec(U).dividedBy(new Dec(y).abs()).dividedBy(relative).toString(), digits, reportMode === 'up' ? 'up' : 'half-even').text;
        } else {
          const converted = scaled(report.U, spec.unit, uncertaintyUnit);
          if (converted === null) {
            problems.push(violation('R-6.3.5', 'uncertaintyUnit', 'convertible-unit', `${uncertaintyUnit} is not a unit of ${spec.unit}`));
            continue;
          }
          expandedUncertainty = converted;
        }
      }
      const budget: StoredBudget = {
        resultId,
        evaluation: monteCarlo ? 'monte-carlo' : 'gum',
        model: { output: model.output, expression: model.expression },
        p: g.p,
        inputs,
        gum: {
          y: g.y, uc: g.uc, dofEff: dofText(g.dofEff), k: g.k, U: g.U,
          budget: g.budget.map((b) => ({ name: b.name, estimate: b.estimate, u: b.u, dist: b.dist, c: b.c, contribution: b.contribution, dof: dofText(b.dof) })),
        },
        monteCarlo,
        y, uc, k, U,
        report: { mode: reportMode, digits, value: report.value, U: report.U },
      };
      budgets.push(budget);
      results.push({
        resultId, quantity: spec.quantity, point, nominal, adjustment, measuredValue, referenceValue: reference, error,
        correction: error === null ? null : new Dec(error).negated().toFixed(decimalsOf(error)).replace(/^-(0\.?0*)$/, '$1'),
        unit: spec.unit, expandedUncertainty, uncertaintyUnit, coverageFactor: new Dec(k).toSignificantDigits(4).toString(), coverageProbability: g.p,
        limit: pointSpec?.limit ?? null, budgetHash: canonicalHash(budget), readings: group.length,
      });
    } catch (error) {
      if (error instanceof MetrologyError) {
        problems.push(violation('R-6.3.5', 'calculation', 'evaluable', `${resultId}: ${error.message}`));
      } else {
        throw error;
      }
    }
  }
  if (problems.length) throw new CalculationError(problems);
  return { results, budgets };
}

function toMcmInput(i: StoredInput): McmInputSpec {
  if (typeof i.u === 'object') {
    const hw = new Dec(i.u.halfWidth);
    const x = new Dec(i.estimate);
    switch (i.u.dist) {
      case 'normal':
        return { name: i.name, dist: 'normal', mean: i.estimate, sd: hw.dividedBy(i.u.k ?? '1').toString() };
      case 'trapezoidal':
        return { name: i.name, dist: 'trapezoidal', a: x.minus(hw).toString(), b: x.plus(hw).toString(), beta: i.u.beta ?? '0' };
      case 'uniform':
        return { name: i.name, dist: 'rectangular', a: x.minus(hw).toString(), b: x.plus(hw).toString() };
      default:
        return { name: i.name, dist: i.u.dist as 'rectangular', a: x.minus(hw).toString(), b: x.plus(hw).toString() };
    }
  }
  if (i.dof !== 'inf') return { name: i.name, dist: 't', mean: i.estimate, scale: i.u, dof: Number(i.dof) };
  return { name: i.name, dist: 'normal', mean: i.estimate, sd: i.u };
}

/**
 * re-evaluates a stored budget from its stored inputs alone and says whether the stored
 * numbers come out again (the result is reproducible from the record).
 */
export function reproduce(budget: StoredBudget): { reproduced: boolean; differences: string[]; recomputed: { y: string; uc: string; k: string; U: string; value: string; reportedU: string } } {
  const g = gum({ model: budget.model.expression, inputs: budget.inputs.map((i) => ({ name: i.name, estimate: i.estimate, u: i.u as string | TypeBSpec, dof: i.dof })), p: budget.p });
  let y = g.y;
  let uc = g.uc;
  let U = g.U;
  let k = g.k;
  if (budget.monteCarlo) {
    const m = mcm({ model: budget.model.expression, inputs: budget.inputs.map(toMcmInput), p: budget.p, trials: budget.monteCarlo.trials, seed: budget.monteCarlo.seed });
    y = m.y;
    uc = m.u;
    U = new Dec(m.high).minus(m.low).dividedBy(2).toString();
    k = new Dec(U).dividedBy(m.u).toSignificantDigits(6).toString();
  }
  const report = reportResult(y, U, { mode: budget.report.mode, digits: budget.report.digits });
  const recomputed = { y, uc, k, U, value: report.value, reportedU: report.U };
  const differences = [
    ['y', budget.y, y], ['uc', budget.uc, uc], ['k', budget.k, k], ['U', budget.U, U], ['reported value', budget.report.value, report.value], ['reported U', budget.report.U, report.U],
  ]
    .filter(([, stored, again]) => stored !== again)
    .map(([name, stored, again]) => `${name}: stored ${stored}, recomputed ${again}`);
  return { reproduced: differences.length === 0, differences, recomputed };
}
