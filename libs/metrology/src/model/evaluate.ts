import { Dec } from '../decimal';
import { fail } from '../errors';
import type { Model, Node } from './ast';

/** The model's value in doubles. */
export function evaluateNumber(model: Model, x: ArrayLike<number>): number {
  const ev = (node: Node): number => {
    switch (node.kind) {
      case 'number':
        return node.value;
      case 'input':
        return x[node.index];
      case 'pi':
        return Math.PI;
      case 'negate':
        return -ev(node.arg);
      case 'binary': {
        const a = ev(node.left);
        const b = ev(node.right);
        if (node.op === '+') return a + b;
        if (node.op === '-') return a - b;
        if (node.op === '*') return a * b;
        if (node.op === '/') return a / b;
        return Math.pow(a, b);
      }
      case 'call': {
        const [a, b] = node.args.map(ev);
        return node.fn === 'pow' ? Math.pow(a, b) : node.fn === 'atan2' ? Math.atan2(a, b) : MATH[node.fn](a);
      }
    }
  };
  return ev(model.root);
}

const MATH: Record<string, (a: number) => number> = {
  sqrt: Math.sqrt,
  exp: Math.exp,
  log: Math.log,
  ln: Math.log,
  log10: Math.log10,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  abs: Math.abs,
};

/** f'(a) of the one-argument functions, given a and f(a). */
const DERIVATIVE: Record<string, (a: number, fa: number) => number> = {
  sqrt: (_a, fa) => 1 / (2 * fa),
  exp: (_a, fa) => fa,
  log: (a) => 1 / a,
  ln: (a) => 1 / a,
  log10: (a) => 1 / (a * Math.LN10),
  sin: (a) => Math.cos(a),
  cos: (a) => -Math.sin(a),
  tan: (_a, fa) => 1 + fa * fa,
  asin: (a) => 1 / Math.sqrt((1 - a) * (1 + a)), // (1 − a)(1 + a), not 1 − a², keeps digits near |a| = 1
  acos: (a) => -1 / Math.sqrt((1 - a) * (1 + a)),
  atan: (a) => 1 / (1 + a * a),
  sinh: (a) => Math.cosh(a),
  cosh: (a) => Math.sinh(a),
  tanh: (a) => 1 / Math.cosh(a) ** 2, // not 1 − tanh², which cancels to nothing for large |a|
  abs: (a) => Math.sign(a),
};

interface Dual {
  readonly v: number;
  /** ∂/∂xᵢ of the node; null when the node depends on no input (saves work and avoids 0·∞). */
  readonly g: Float64Array | null;
}

/** g = ca·ga + cb·gb, with null standing for a zero gradient. */
function combine(ca: number, ga: Float64Array | null, cb: number, gb: Float64Array | null): Float64Array | null {
  if (!ga && !gb) return null;
  const n = (ga ?? gb)!.length;
  const g = new Float64Array(n);
  if (ga) for (let i = 0; i < n; i++) g[i] = ca * ga[i];
  if (gb) for (let i = 0; i < n; i++) g[i] += cb * gb[i];
  return g;
}

/**
 * Value and gradient of the model by forward-mode automatic differentiation: the sensitivity
 * coefficients cᵢ = ∂f/∂xᵢ of JJF 1059.1 §4.4.2 exact to rounding, with no step size to choose
 * as numerical differentiation would need.
 */
export function evaluateGradient(model: Model, x: ArrayLike<number>): { value: number; gradient: Float64Array } {
  const n = model.names.length;
  const ev = (node: Node): Dual => {
    switch (node.kind) {
      case 'number':
        return { v: node.value, g: null };
      case 'pi':
        return { v: Math.PI, g: null };
      case 'input': {
        const g = new Float64Array(n);
        g[node.index] = 1;
        return { v: x[node.index], g };
      }
      case 'negate': {
        const a = ev(node.arg);
        return { v: -a.v, g: combine(-1, a.g, 0, null) };
      }
      case 'binary':
        return binary(node.op, ev(node.left), ev(node.right));
      case 'call': {
        const args = node.args.map(ev);
        if (node.fn === 'pow') return binary('^', args[0], args[1]);
        if (node.fn === 'atan2') {
          const [y, xx] = args;
          const r2 = y.v * y.v + xx.v * xx.v;
          return { v: Math.atan2(y.v, xx.v), g: combine(xx.v / r2, y.g, -y.v / r2, xx.g) };
        }
        const a = args[0];
        const v = MATH[node.fn](a.v);
        return { v, g: a.g ? combine(DERIVATIVE[node.fn](a.v, v), a.g, 0, null) : null };
      }
    }
  };
  const binary = (op: string, a: Dual, b: Dual): Dual => {
    switch (op) {
      case '+':
        return { v: a.v + b.v, g: combine(1, a.g, 1, b.g) };
      case '-':
        return { v: a.v - b.v, g: combine(1, a.g, -1, b.g) };
      case '*':
        return { v: a.v * b.v, g: combine(b.v, a.g, a.v, b.g) };
      case '/':
        return { v: a.v / b.v, g: combine(1 / b.v, a.g, -a.v / (b.v * b.v), b.g) };
      default: {
        const v = Math.pow(a.v, b.v);
        // d(aᵇ) = b·aᵇ⁻¹ da + aᵇ ln a db; the ln a term only when the exponent varies, so that
        // (-2)^2 stays differentiable.
        const da = b.v === 0 ? 0 : b.v * Math.pow(a.v, b.v - 1);
        return { v, g: combine(da, a.g, b.g ? v * Math.log(a.v) : 0, b.g) };
      }
    }
  };
  const root = ev(model.root);
  return { value: root.v, gradient: root.g ?? new Float64Array(n) };
}

const DEC_FN: Record<string, (a: Dec) => Dec> = {
  sqrt: (a) => a.sqrt(),
  exp: (a) => a.exp(),
  log: (a) => a.ln(),
  ln: (a) => a.ln(),
  log10: (a) => a.log(10),
  sin: (a) => a.sin(),
  cos: (a) => a.cos(),
  tan: (a) => a.tan(),
  asin: (a) => a.asin(),
  acos: (a) => a.acos(),
  atan: (a) => a.atan(),
  sinh: (a) => a.sinh(),
  cosh: (a) => a.cosh(),
  tanh: (a) => a.tanh(),
  abs: (a) => a.abs(),
};

/**
 * The model's value in decimal arithmetic (60 significant digits): the reported estimate y of a
 * sum or product of decimal inputs is then exact ("50.000838", not "50.000838000000004").
 */
export function evaluateDecimal(model: Model, x: readonly Dec[]): Dec {
  const ev = (node: Node): Dec => {
    switch (node.kind) {
      case 'number':
        return new Dec(node.text);
      case 'input':
        return x[node.index];
      case 'pi':
        return Dec.acos(-1);
      case 'negate':
        return ev(node.arg).negated();
      case 'binary': {
        const a = ev(node.left);
        const b = ev(node.right);
        if (node.op === '+') return a.plus(b);
        if (node.op === '-') return a.minus(b);
        if (node.op === '*') return a.times(b);
        if (node.op === '/') return a.dividedBy(b);
        return a.pow(b);
      }
      case 'call': {
        const [a, b] = node.args.map(ev);
        if (node.fn === 'pow') return a.pow(b);
        if (node.fn === 'atan2') return Dec.atan2(a, b);
        return DEC_FN[node.fn](a);
      }
    }
  };
  const y = ev(model.root);
  if (!y.isFinite()) fail(`model ${JSON.stringify(model.source)} is undefined at the input estimates`);
  return y;
}
