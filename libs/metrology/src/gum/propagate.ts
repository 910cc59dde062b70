import { fail } from '../errors';
import type { Model } from '../model/ast';
import { evaluateGradient } from '../model/evaluate';

/** An input as the propagation maths sees it: estimate, standard uncertainty, dof (Infinity allowed). */
export interface NumericInput {
  readonly x: number;
  readonly u: number;
  readonly dof: number;
}

export interface Propagation {
  /** f(x₁…xₙ) in doubles (the reported y comes from the decimal evaluation). */
  readonly y: number;
  /** Sensitivity coefficients cᵢ = ∂f/∂xᵢ. */
  readonly c: Float64Array;
  /** Signed uncertainty components cᵢ·u(xᵢ). */
  readonly cu: Float64Array;
  readonly uc: number;
  readonly dofEff: number;
}

/**
 * Law of propagation of uncertainty, JJF 1059.1 §4.4 / GUM eq. (13):
 * u_c²(y) = Σᵢ Σⱼ cᵢ cⱼ u(xᵢ) u(xⱼ) r(xᵢ, xⱼ), with cᵢ by automatic differentiation of the model.
 * `r` is the row-major correlation matrix, or null for independent inputs.
 */
export function propagate(model: Model, inputs: readonly NumericInput[], r: Float64Array | null): Propagation {
  const n = inputs.length;
  const { value, gradient } = evaluateGradient(
    model,
    inputs.map((i) => i.x),
  );
  if (!Number.isFinite(value) || gradient.some((g) => !Number.isFinite(g))) {
    fail(`model ${JSON.stringify(model.source)} is not differentiable at the input estimates`);
  }
  const cu = new Float64Array(n);
  for (let i = 0; i < n; i++) cu[i] = gradient[i] * inputs[i].u;
  const uc = Math.sqrt(Math.max(0, covariance(cu, cu, r)));
  return { y: value, c: gradient, cu, uc, dofEff: welchSatterthwaite(cu, inputs.map((i) => i.dof), r, uc) };
}

/**
 * Σᵢ Σⱼ aᵢ bⱼ r(xᵢ, xⱼ) for two vectors of components cᵢ·u(xᵢ): the variance of one output when
 * a = b, the covariance of two outputs of the same inputs otherwise (GUM F.1.2.3, JJF 1059.1 §4.4.3).
 */
export function covariance(a: ArrayLike<number>, b: ArrayLike<number>, r: Float64Array | null): number {
  const n = a.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i] * b[i];
  if (r) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i !== j && r[i * n + j] !== 0) sum += a[i] * b[j] * r[i * n + j];
      }
    }
  }
  return sum;
}

/**
 * Effective degrees of freedom, Welch–Satterthwaite (JJF 1059.1 §4.5.3.3, GUM G.4.1):
 * ν_eff = u_c⁴ / Σ u_i⁴(y)/νᵢ. The formula assumes independent components; following Willink
 * (Metrologia 44 (2007) 340), as GTC does, inputs joined by correlations count as one component
 * whose variance is their joint contribution, exact when they share one dof (an "ensemble", e.g.
 * estimates from one regression). When the members' dof differ, which that result does not cover,
 * the group gets the smallest of them: a conservative choice (fewer dof, larger k).
 */
export function welchSatterthwaite(cu: ArrayLike<number>, dof: readonly number[], r: Float64Array | null, uc: number): number {
  const n = cu.length;
  const group = correlatedGroups(n, r);
  let denominator = 0;
  const done = new Set<number>();
  for (let i = 0; i < n; i++) {
    const g = group[i];
    if (done.has(g)) continue;
    done.add(g);
    const members: number[] = [];
    for (let j = i; j < n; j++) if (group[j] === g) members.push(j);
    const nu = Math.min(...members.map((j) => dof[j]));
    if (nu === Infinity) continue;
    let v = 0;
    for (const a of members) for (const b of members) v += cu[a] * cu[b] * (a === b ? 1 : r![a * n + b]);
    denominator += (v * v) / nu;
  }
  if (denominator === 0 || uc === 0) return Infinity;
  return uc ** 4 / denominator;
}

/** Connected components of the "non-zero correlation" graph: group id per input. */
function correlatedGroups(n: number, r: Float64Array | null): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  if (r) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (r[i * n + j] !== 0) parent[find(i)] = find(j);
  }
  return parent.map((_, i) => find(i));
}
