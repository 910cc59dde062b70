/**
 * Benchmark of @calchain/metrology against numpy on the same machine (not a test; see README.md).
 *   node -r ./tools/register.js bench/metrology/run.ts [repeat]
 * Monte Carlo: 10⁶ trials of two four-input models, with estimate, standard uncertainty and the
 * shortest 95 % coverage interval; rounding: 10⁶ decimal strings to the interval 0.1 (GB/T 8170).
 * Each figure is the best of `repeat` runs after a warm-up. Ratio = numpy time / our time, so
 * above 1 means faster than numpy.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { mcm, type McmSpec } from '../../libs/metrology/src/mcm/mcm';
import { roundToInterval } from '../../libs/metrology/src/rounding/round';

const ROOT = path.resolve(__dirname, '../..');
const PYTHON = process.env.CALCHAIN_PYTHON ?? path.join(ROOT, '.local/py/bin/python');
const repeat = Number(process.argv[2] ?? 5);
const TRIALS = 1_000_000;

const POWER: McmSpec = {
  model: 'V*V / R0 / (1 + alpha*(T - 20))',
  inputs: [
    { name: 'V', dist: 'normal', mean: '10.0', sd: '0.01' },
    { name: 'R0', dist: 'rectangular', a: '99.9', b: '100.1' },
    { name: 'alpha', dist: 'triangular', a: '0.0038', b: '0.0040' },
    { name: 'T', dist: 'normal', mean: '23.0', sd: '0.5' },
  ],
  trials: TRIALS,
  seed: 1,
};
const ADDITIVE: McmSpec = {
  model: 'X1 + X2 + X3 + X4',
  inputs: ['X1', 'X2', 'X3', 'X4'].map((name) => ({ name, dist: 'normal' as const, mean: '0', sd: '1' })),
  trials: TRIALS,
  seed: 1,
};

function bestOf<T>(n: number, fn: () => T): { ms: number; result: T } {
  fn(); // warm-up: let the JIT compile the hot loops
  let ms = Infinity;
  let result!: T;
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    result = fn();
    ms = Math.min(ms, performance.now() - start);
  }
  return { ms, result };
}

const texts = Array.from({ length: 1_000_000 }, (_, i) => {
  const k = (i * 7919) % 1_000_000;
  return `${Math.floor(k / 10000)}.${String(k % 10000).padStart(4, '0')}`;
});

const power = bestOf(repeat, () => mcm(POWER));
const additive = bestOf(repeat, () => mcm(ADDITIVE));
const rounding = bestOf(repeat, () => texts.map((t) => roundToInterval(t, '0.1')));
const checksum = rounding.result.reduce((s, r) => s + Number(r.replace('.', '')), 0);

const py = spawnSync(PYTHON, [path.join(__dirname, 'numpy_bench.py'), String(repeat)], { encoding: 'utf8', maxBuffer: 64 << 20 });
if (py.status !== 0) throw new Error(`numpy side failed (${PYTHON}): ${py.stderr || py.error}`);
const np = JSON.parse(py.stdout);

const row = (label: string, ours: number, theirs: number, note = ''): string =>
  `${label.padEnd(46)} ${ours.toFixed(1).padStart(8)} ms ${theirs.toFixed(1).padStart(9)} ms ${(theirs / ours).toFixed(2).padStart(7)}  ${note}`;
const fmt = (v: { y: number; u: number; low: number; high: number }): string =>
  `y=${v.y.toPrecision(7)} u=${v.u.toPrecision(4)} [${v.low.toPrecision(7)}, ${v.high.toPrecision(7)}]`;

console.log(`calchain-metrology vs numpy — ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, node ${process.version}, best of ${repeat}`);
console.log(`${'task'.padEnd(46)} ${'ours'.padStart(11)} ${'numpy'.padStart(12)} ${'ratio'.padStart(7)}  (ratio = numpy / ours)`);
console.log(row('MCM 10⁶ trials, P = V²/R0/(1+α(T−20))', power.ms, np.mcm_power_ms));
console.log(row('MCM 10⁶ trials, GUM-S1 9.2.2 X1+X2+X3+X4', additive.ms, np.mcm_additive_ms));
console.log(row('  same, numpy sorting only the tails as we do', additive.ms, np.mcm_additive_partitioned_ms));
console.log(row('10⁶ roundings, strings, exact (Python decimal)', rounding.ms, np.round_decimal_ms, checksum === np.round_decimal_checksum ? 'same results' : 'RESULTS DIFFER'));
console.log(row('10⁶ roundings vs numpy float np.round (inexact)', rounding.ms, np.round_float_ms, `numpy disagrees with GB/T 8170 on ${np.round_float_disagreements} values`));
console.log('');
console.log(`power    ours  ${fmt(power.result.values)}`);
console.log(`power    numpy ${fmt(np.mcm_power)}`);
console.log(`additive ours  ${fmt(additive.result.values)}`);
console.log(`additive numpy ${fmt(np.mcm_additive)}`);
