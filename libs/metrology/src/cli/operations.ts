import { MetrologyError, fail } from '../errors';
import { decide, type DecisionRule } from '../decision/decide';
import { dofToJson, parseDof } from '../gum/dof';
import { gum, type GumSpec } from '../gum/gum';
import { reportResult } from '../gum/report';
import { typeA } from '../gum/type-a';
import { type TypeBSpec, typeB } from '../gum/type-b';
import { mcmAdaptive } from '../mcm/adaptive';
import { mcm, type McmSpec } from '../mcm/mcm';
import { validateGum } from '../mcm/validate';
import { enNumber, zetaScore, zScore } from '../proficiency/scores';
import { judgeLimit, type LimitMethod } from '../rounding/limit';
import { roundSig, roundToInterval } from '../rounding/round';
import { formatNumber } from '../decimal';
import { coverageFactor } from '../stats/student-t';

/**
 * The operations of `calchain-metrology eval`, one JSON object in, one out. The field names are
 * a published interface (issue #3): change them only with a new operation name.
 */
type Fields = Record<string, unknown>;
type Operation = { readonly allowed: readonly string[]; readonly run: (f: Fields) => object };

const str = (f: Fields, key: string): string => {
  if (f[key] === undefined) fail(`missing "${key}"`);
  if (typeof f[key] !== 'string') fail(`"${key}" must be a decimal string, e.g. "${key}":"12.5"`);
  return f[key] as string;
};
const optStr = (f: Fields, key: string): string | undefined => (f[key] === undefined ? undefined : str(f, key));
const int = (f: Fields, key: string, fallback?: number): number => {
  const v = f[key] ?? fallback;
  if (v === undefined) fail(`missing "${key}"`);
  if (typeof v !== 'number' || !Number.isInteger(v)) fail(`"${key}" must be an integer`);
  return v as number;
};
const list = (f: Fields, key: string): unknown[] => {
  if (!Array.isArray(f[key])) fail(`"${key}" must be a list`);
  return f[key] as unknown[];
};

const MCM_FIELDS = ['model', 'inputs', 'correlations', 'trials', 'seed', 'p', 'coverage', 'ndig'];

const OPERATIONS: Record<string, Operation> = {
  round: {
    allowed: ['value', 'interval', 'mode'],
    run: (f) => ({ result: roundToInterval(str(f, 'value'), str(f, 'interval'), roundingMode(f)) }),
  },
  roundSig: {
    allowed: ['value', 'digits', 'mode'],
    run: (f) => ({ result: roundSig(str(f, 'value'), int(f, 'digits'), roundingMode(f)) }),
  },
  judgeLimit: {
    allowed: ['value', 'limit', 'method', 'interval'],
    run: (f) => judgeLimit(str(f, 'value'), str(f, 'limit'), { method: (f.method ?? 'full') as LimitMethod, interval: optStr(f, 'interval') }),
  },
  typeA: {
    allowed: ['readings', 'pooledS', 'pooledDof'],
    run: (f) => {
      const readings = list(f, 'readings') as string[];
      return typeA(readings, f.pooledS === undefined ? undefined : { s: str(f, 'pooledS'), dof: parseDof(f.pooledDof, 'pooledDof') });
    },
  },
  typeB: {
    allowed: ['halfWidth', 'dist', 'k', 'beta'],
    run: (f) => ({ u: typeB(f as unknown as TypeBSpec) }),
  },
  k: {
    allowed: ['dof', 'p'],
    run: (f) => ({ k: formatNumber(coverageFactor(str(f, 'p'), parseDof(f.dof ?? fail('missing "dof"')))) }),
  },
  gum: {
    allowed: ['model', 'inputs', 'correlations', 'p', 'truncateDof'],
    run: (f) => {
      const r = gum(f as unknown as GumSpec);
      return {
        y: r.y,
        uc: r.uc,
        dofEff: dofToJson(r.dofEff),
        k: r.k,
        U: r.U,
        budget: r.budget.map((b) => ({ name: b.name, c: b.c, contribution: b.contribution, estimate: b.estimate, u: b.u, dist: b.dist, dof: dofToJson(b.dof) })),
      };
    },
  },
  mcm: {
    allowed: MCM_FIELDS,
    run: (f) => {
      const spec = f as unknown as McmSpec;
      if (f.trials === undefined || f.trials === 'adaptive') {
        const r = mcmAdaptive({ ...spec }, { ndig: f.ndig === undefined ? 2 : int(f, 'ndig') });
        return { y: r.y, u: r.u, low: r.low, high: r.high, trials: r.trials, converged: r.converged };
      }
      const r = mcm({ ...spec, trials: int(f, 'trials') });
      return { y: r.y, u: r.u, low: r.low, high: r.high };
    },
  },
  validate: {
    allowed: MCM_FIELDS,
    run: (f) => {
      const r = validateGum(f as unknown as McmSpec, { ndig: f.ndig === undefined ? 2 : int(f, 'ndig') });
      return { validated: r.validated, dLow: r.dLow, dHigh: r.dHigh, delta: r.delta };
    },
  },
  report: {
    allowed: ['value', 'U', 'mode', 'digits'],
    run: (f) => reportResult(str(f, 'value'), str(f, 'U'), { mode: (f.mode ?? 'round') as 'round' | 'up', digits: int(f, 'digits', 2) as 1 | 2 }),
  },
  decide: {
    allowed: ['value', 'U', 'limit', 'rule', 'w', 'k'],
    run: (f) =>
      decide({ value: str(f, 'value'), U: str(f, 'U'), limit: str(f, 'limit'), rule: f.rule as DecisionRule, w: optStr(f, 'w'), k: optStr(f, 'k') }),
  },
  en: {
    allowed: ['x', 'U', 'xRef', 'URef'],
    run: (f) => enNumber(str(f, 'x'), str(f, 'U'), str(f, 'xRef'), str(f, 'URef')),
  },
  z: {
    allowed: ['x', 'assigned', 'sigma', 'uAssigned'],
    run: (f) => zScore(str(f, 'x'), str(f, 'assigned'), str(f, 'sigma'), optStr(f, 'uAssigned')),
  },
  zeta: {
    allowed: ['x', 'u', 'assigned', 'uAssigned'],
    run: (f) => zetaScore(str(f, 'x'), str(f, 'u'), str(f, 'assigned'), str(f, 'uAssigned')),
  },
};

function roundingMode(f: Fields): 'half-even' | 'up' {
  const mode = f.mode ?? 'half-even';
  if (mode !== 'half-even' && mode !== 'up') fail('"mode" must be "half-even" or "up"');
  return mode;
}

export const OPERATION_NAMES = Object.keys(OPERATIONS);

/** Runs one operation object; input errors come back as { error } rather than being thrown. */
export function runOperation(input: unknown): object {
  try {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) fail('each line must be a JSON object');
    const { op, ...fields } = input as Fields;
    if (typeof op !== 'string' || !Object.prototype.hasOwnProperty.call(OPERATIONS, op)) {
      fail(`unknown op ${JSON.stringify(op)}; known: ${OPERATION_NAMES.join(', ')}`);
    }
    const operation = OPERATIONS[op];
    const unknown = Object.keys(fields).filter((k) => !operation.allowed.includes(k));
    if (unknown.length > 0) fail(`${op}: unknown field(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')}`);
    try {
      return operation.run(fields);
    } catch (e) {
      if (e instanceof MetrologyError) throw new MetrologyError(`${op}: ${e.message}`);
      throw e;
    }
  } catch (e) {
    if (e instanceof MetrologyError) return { error: e.message };
    return { error: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** One line of JSON Lines in, one line out. */
export function evalLine(line: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    return JSON.stringify({ error: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` });
  }
  return JSON.stringify(runOperation(parsed));
}
