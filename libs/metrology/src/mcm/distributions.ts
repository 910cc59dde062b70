import { Dec, type DecimalLike, toDec } from '../decimal';
import { fail } from '../errors';
import type { TypeBSpec } from '../gum/type-b';
import { fillStandardNormal } from './normal';
import type { Xoshiro256StarStar } from './xoshiro';

// Math functions bound once: inside a vm sandbox (Jest) every global lookup is slow.
const { sin, sqrt, pow, PI } = Math;


/** Input distributions of JJF 1059.2 / GUM-S1 §6.4, with their parameters as decimal strings. */
export type McmInputSpec = { readonly name: string } & (
  | { readonly dist: 'normal'; readonly mean: DecimalLike; readonly sd: DecimalLike }
  | { readonly dist: 'rectangular' | 'triangular' | 'arcsine' | 'u-shaped'; readonly a: DecimalLike; readonly b: DecimalLike }
  | { readonly dist: 'trapezoidal'; readonly a: DecimalLike; readonly b: DecimalLike; readonly beta: DecimalLike }
  | { readonly dist: 't'; readonly mean: DecimalLike; readonly scale?: DecimalLike; readonly sd?: DecimalLike; readonly dof: number | string }
);

/** Block buffers shared by the samplers, allocated once per run (no per-trial allocation). */
export interface Scratch {
  readonly words: Int32Array;
  readonly u1: Float64Array;
  readonly u2: Float64Array;
}

export interface Sampler {
  readonly dist: string;
  /** out[0..n) ← draws. */
  fill(rng: Xoshiro256StarStar, out: Float64Array, n: number, scratch: Scratch): void;
  /** What the GUM framework would use for this input (GUM-S1 §8 validation). */
  readonly gum: { readonly estimate: string; readonly u: DecimalLike | TypeBSpec; readonly dof?: number };
  /** Whether draws are N(mean, sd²) and may be correlated with other normal inputs. */
  readonly normal?: { readonly mean: number; readonly sd: number };
}

const num = (spec: object, key: string, label: string): Dec => toDec((spec as Record<string, unknown>)[key], `${label} ${key}`);

function interval(spec: object, label: string): [Dec, Dec] {
  const a = num(spec, 'a', label);
  const b = num(spec, 'b', label);
  if (!a.lessThan(b)) fail(`${label}: a must be below b`);
  return [a, b];
}

/** Builds the sampler of one input, checking its parameters. */
export function samplerFor(spec: McmInputSpec): Sampler {
  const label = `input ${spec.name}`;
  switch (spec.dist) {
    case 'normal': {
      const mean = num(spec, 'mean', label);
      const sd = num(spec, 'sd', label);
      if (sd.isNegative()) fail(`${label}: sd must not be negative`);
      const m = mean.toNumber();
      const s = sd.toNumber();
      return {
        dist: 'normal',
        normal: { mean: m, sd: s },
        gum: { estimate: mean.toString(), u: sd.toString() },
        fill(rng, out, n) {
          fillStandardNormal(rng, out, n);
          for (let i = 0; i < n; i++) out[i] = m + s * out[i];
        },
      };
    }
    case 'rectangular': {
      // GUM-S1 6.4.2.4: ξ = a + (b − a) r
      const [a, b] = interval(spec, label);
      const lo = a.toNumber();
      const width = b.toNumber() - lo;
      return {
        dist: 'rectangular',
        gum: { estimate: a.plus(b).dividedBy(2).toString(), u: { halfWidth: b.minus(a).dividedBy(2).toString(), dist: 'rectangular' } },
        fill(rng, out, n, scratch) {
          rng.fillUniform(out, n, scratch.words);
          for (let i = 0; i < n; i++) out[i] = lo + width * out[i];
        },
      };
    }
    case 'triangular': {
      // GUM-S1 6.4.5.4: ξ = a + (b − a)(r₁ + r₂) / 2
      const [a, b] = interval(spec, label);
      const lo = a.toNumber();
      const half = (b.toNumber() - lo) / 2;
      return {
        dist: 'triangular',
        gum: { estimate: a.plus(b).dividedBy(2).toString(), u: { halfWidth: b.minus(a).dividedBy(2).toString(), dist: 'triangular' } },
        fill(rng, out, n, scratch) {
          rng.fillUniform(out, n, scratch.words);
          rng.fillUniform(scratch.u1, n, scratch.words);
          for (let i = 0; i < n; i++) out[i] = lo + half * (out[i] + scratch.u1[i]);
        },
      };
    }
    case 'arcsine':
    case 'u-shaped': {
      // GUM-S1 6.4.6.4: ξ = (a + b)/2 + (b − a)/2 · sin 2πr
      const [a, b] = interval(spec, label);
      const mid = (a.toNumber() + b.toNumber()) / 2;
      const half = (b.toNumber() - a.toNumber()) / 2;
      return {
        dist: 'arcsine',
        gum: { estimate: a.plus(b).dividedBy(2).toString(), u: { halfWidth: b.minus(a).dividedBy(2).toString(), dist: 'arcsine' } },
        fill(rng, out, n, scratch) {
          rng.fillUniform(out, n, scratch.words);
          for (let i = 0; i < n; i++) out[i] = mid + half * sin(2 * PI * out[i]);
        },
      };
    }
    case 'trapezoidal': {
      // GUM-S1 6.4.4.4: ξ = a + (b − a)/2 · [(1 + β) r₁ + (1 − β) r₂]
      const [a, b] = interval(spec, label);
      const beta = num(spec, 'beta', label);
      if (beta.isNegative() || beta.greaterThan(1)) fail(`${label}: beta must be between 0 and 1`);
      const lo = a.toNumber();
      const half = (b.toNumber() - lo) / 2;
      const w1 = half * (1 + beta.toNumber());
      const w2 = half * (1 - beta.toNumber());
      return {
        dist: 'trapezoidal',
        gum: {
          estimate: a.plus(b).dividedBy(2).toString(),
          u: { halfWidth: b.minus(a).dividedBy(2).toString(), dist: 'trapezoidal', beta: beta.toString() },
        },
        fill(rng, out, n, scratch) {
          rng.fillUniform(out, n, scratch.words);
          rng.fillUniform(scratch.u1, n, scratch.words);
          for (let i = 0; i < n; i++) out[i] = lo + w1 * out[i] + w2 * scratch.u1[i];
        },
      };
    }
    case 't': {
      // GUM-S1 6.4.9: ξ = x̄ + s·t_ν; t_ν by Bailey's polar method (Math. Comp. 62, 1994), exact
      // for any real ν > 0 and needing no gamma variates.
      // The scale is s/√n, what the GUM calls the Type A standard uncertainty; "sd" is accepted for
      // it, as for a normal input, though the t distribution's own sd is larger by √(ν/(ν−2)).
      if ('scale' in spec && 'sd' in spec) fail(`${label}: give scale or sd, not both`);
      const mean = num(spec, 'mean', label);
      const scale = num(spec, 'scale' in spec ? 'scale' : 'sd', label);
      const dofValue = (spec as { dof: unknown }).dof;
      const dof = typeof dofValue === 'number' ? dofValue : Number(dofValue);
      if (!(dof > 0) || !Number.isFinite(dof)) fail(`${label}: dof must be a positive number`);
      if (scale.isNegative()) fail(`${label}: scale must not be negative`);
      const m = mean.toNumber();
      const s = scale.toNumber();
      return {
        dist: 't',
        // The GUM treats such an input as a Type A value: u = s, with ν degrees of freedom.
        gum: { estimate: mean.toString(), u: scale.toString(), dof },
        fill(rng, out, n) {
          for (let i = 0; i < n; i++) {
            let u: number;
            let w: number;
            do {
              u = 2 * rng.uniform() - 1;
              const v = 2 * rng.uniform() - 1;
              w = u * u + v * v;
            } while (w >= 1);
            out[i] = m + s * u * sqrt((dof * (pow(w, -2 / dof) - 1)) / w);
          }
        },
      };
    }
    default:
      return fail(
        `${label}: dist must be normal, rectangular, triangular, arcsine, t or trapezoidal, got ${JSON.stringify((spec as { dist: unknown }).dist)}`,
      );
  }
}
