import type { McmInputSpec } from '../../src/mcm/distributions';
import { Xoshiro256StarStar } from '../../src/mcm/xoshiro';

/**
 * Random measurement models for the cross-validation, built so that every function is evaluated
 * inside its domain: "positive" sub-expressions feed sqrt, log and denominators, inputs have
 * positive estimates, and correlation matrices are well-conditioned (eigenvalues ≥ 0.2) so that
 * the comparison measures the implementations, not an ill-posed problem.
 */
export interface RandomInput {
  readonly name: string;
  readonly x: string;
  readonly u: string;
  readonly dof: number | 'inf';
}

export interface RandomCase {
  readonly models: string[];
  readonly inputs: RandomInput[];
  readonly correlations: { a: string; b: string; r: string }[];
  /** Correlated groups with one shared finite dof (GTC's multiple_ureal). */
  readonly ensembles: string[][];
}

export class ModelGenerator {
  private readonly rng: Xoshiro256StarStar;
  private names: string[] = [];

  constructor(seed: number) {
    this.rng = new Xoshiro256StarStar(seed);
  }

  private u(): number {
    return this.rng.uniform();
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.u() * items.length)];
  }

  private leaf(): string {
    return this.u() < 0.8 ? this.pick(this.names) : (0.5 + 2.5 * this.u()).toFixed(3);
  }

  /** An expression whose value is positive wherever the inputs are positive. */
  positive(depth: number): string {
    if (depth <= 0) return this.leaf();
    const d = depth - 1;
    switch (Math.floor(this.u() * 9)) {
      case 0:
        return `(${this.positive(d)} + ${this.positive(d)})`;
      case 1:
        return `${this.positive(d)} * ${this.positive(d)}`;
      case 2:
        return `${this.positive(d)} / ${this.positive(d)}`;
      case 3:
        return `sqrt(${this.positive(d)})`;
      case 4:
        return `exp(tanh(${this.any(d)}))`;
      case 5:
        return `${this.positive(d)}^${this.pick(['2', '3', '0.5', '-1'])}`;
      case 6:
        return `(cos(${this.any(d)}) + 2)`;
      case 7:
        return `pow(${this.positive(d)}, ${this.pick(['1.5', '2', '0.25'])})`;
      default:
        return this.leaf();
    }
  }

  /** An expression of any sign. */
  any(depth: number): string {
    if (depth <= 0) return this.leaf();
    const d = depth - 1;
    switch (Math.floor(this.u() * 8)) {
      case 0:
        return `(${this.positive(d)} - ${this.positive(d)})`;
      case 1:
        return `sin(${this.any(d)})`;
      case 2:
        return `atan(${this.any(d)})`;
      case 3:
        return `log(${this.positive(d)})`;
      case 4:
        return `-${this.positive(d)}`;
      case 5:
        return `${this.any(d)} * ${this.positive(d)}`;
      default:
        return this.positive(depth);
    }
  }

  /** A model that mentions every input. */
  model(depth: number): string {
    let source = this.any(depth);
    for (const name of this.names) if (!new RegExp(`\\b${name}\\b`).test(source)) source += ` + ${(0.1 + this.u()).toFixed(2)}*${name}`;
    return source;
  }

  next(): RandomCase {
    const n = 2 + Math.floor(this.u() * 6);
    this.names = Array.from({ length: n }, (_, i) => `x${i + 1}`);
    const dof = (): number | 'inf' => (this.u() < 0.4 ? 'inf' : this.u() < 0.5 ? 2 + Math.floor(this.u() * 40) : Number((1.5 + 60 * this.u()).toFixed(2)));
    const inputs: RandomInput[] = this.names.map((name) => {
      const x = 0.5 + 2.5 * this.u();
      return { name, x: x.toFixed(6), u: (x * (0.001 + 0.1 * this.u())).toPrecision(4), dof: dof() };
    });
    const correlations: { a: string; b: string; r: string }[] = [];
    const ensembles: string[][] = [];
    if (n >= 3 && this.u() < 0.6) {
      const size = 2 + Math.floor(this.u() * Math.min(3, n - 1));
      const members = inputs.slice(0, size);
      const shared = this.u() < 0.5 ? 'inf' : 3 + Math.floor(this.u() * 30);
      members.forEach((m, i) => (inputs[i] = { ...m, dof: shared }));
      // r = 0.8 · (vᵢ·vⱼ) for unit vectors vᵢ: a correlation matrix with eigenvalues ≥ 0.2
      const v = members.map(() => {
        const w = [this.u() - 0.5, this.u() - 0.5, this.u() - 0.5];
        const norm = Math.hypot(...w);
        return w.map((c) => c / norm);
      });
      for (let i = 0; i < size; i++) {
        for (let j = i + 1; j < size; j++) {
          let r = 0.8 * (v[i][0] * v[j][0] + v[i][1] * v[j][1] + v[i][2] * v[j][2]);
          if (Math.abs(r) < 0.01) r = 0.05; // keep the group connected
          correlations.push({ a: members[i].name, b: members[j].name, r: r.toFixed(3) });
        }
      }
      if (shared !== 'inf') ensembles.push(members.map((m) => m.name));
    }
    return { models: [this.model(3), this.model(2)], inputs, correlations, ensembles };
  }

  /**
   * A Monte Carlo case: 2–5 inputs of every GUM-S1 distribution, all with positive support (bounded
   * ones within ±30 % of their centre, normal ones 20 σ from zero, t ones with ν ≥ 8 and a 1 % scale),
   * so that sqrt and log in the model stay defined for every draw.
   */
  mcmCase(): { model: string; inputs: McmInputSpec[] } {
    const n = 2 + Math.floor(this.u() * 4);
    this.names = Array.from({ length: n }, (_, i) => `x${i + 1}`);
    const inputs = this.names.map((name): McmInputSpec => {
      const centre = 1 + 2 * this.u();
      const half = centre * (0.02 + 0.28 * this.u());
      const a = (centre - half).toFixed(6);
      const b = (centre + half).toFixed(6);
      switch (this.pick(['normal', 'rectangular', 'triangular', 'arcsine', 'trapezoidal', 't'] as const)) {
        case 'normal':
          return { name, dist: 'normal', mean: centre.toFixed(6), sd: (centre * (0.005 + 0.045 * this.u())).toFixed(6) };
        case 'rectangular':
          return { name, dist: 'rectangular', a, b };
        case 'triangular':
          return { name, dist: 'triangular', a, b };
        case 'arcsine':
          return { name, dist: 'arcsine', a, b };
        case 'trapezoidal':
          return { name, dist: 'trapezoidal', a, b, beta: this.u().toFixed(3) };
        case 't':
          return { name, dist: 't', mean: centre.toFixed(6), scale: (centre * 0.01 * this.u()).toFixed(6), dof: 8 + Math.floor(this.u() * 20) };
      }
    });
    return { model: this.model(2), inputs };
  }
}
