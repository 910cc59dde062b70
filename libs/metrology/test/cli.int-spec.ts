import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers/python';

const BIN = path.join(ROOT, 'libs/metrology/bin/calchain-metrology.js');
const run = (args: string[], input = '') => spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', cwd: ROOT });

/** The example lines of issue #3, with the "…" filled in (the H.1 end gauge for gum). */
const H1_GUM = {
  op: 'gum',
  model: 'lS + d - lS*(dAlpha*theta + alphaS*dTheta)',
  inputs: [
    { name: 'lS', estimate: '50.000623', u: '0.000025', dof: 18 },
    { name: 'd', estimate: '0.000215', u: '0.0000097', dof: 25.6 },
    { name: 'dAlpha', estimate: '0', u: { halfWidth: '0.000001', dist: 'rectangular' }, dof: 50 },
    { name: 'theta', estimate: '-0.1', u: '0.41' },
    { name: 'alphaS', estimate: '0.0000115', u: { halfWidth: '0.000002', dist: 'rectangular' } },
    { name: 'dTheta', estimate: '0', u: { halfWidth: '0.05', dist: 'rectangular' }, dof: 2 },
  ],
  correlations: [],
  p: '0.99',
};
const LINES = [
  '{"op":"round","value":"12.1498","interval":"0.1"}',
  '{"op":"roundSig","value":"0.012351","digits":2}',
  '{"op":"judgeLimit","value":"96.96","limit":">=97.0","method":"rounded","interval":"0.1"}',
  '{"op":"typeA","readings":["10.01","10.03","10.02"]}',
  '{"op":"k","dof":16,"p":"0.95"}',
  '{"op":"k","dof":"inf","p":"0.95"}',
  JSON.stringify(H1_GUM),
  '{"op":"mcm","model":"X1 + X2","inputs":[{"name":"X1","dist":"normal","mean":"0","sd":"1"},{"name":"X2","dist":"rectangular","a":"-1","b":"1"}],"trials":1000000,"seed":7,"p":"0.95"}',
  'this line is not JSON',
  '{"op":"report","value":"50.000838","U":"0.0000932","mode":"round"}',
  '{"op":"decide","value":"10.02","U":"0.03","limit":"10.00±0.05","rule":"guarded"}',
  '{"op":"en","x":"10.5","U":"0.4","xRef":"10.0","URef":"0.3"}',
  '{"op":"z","x":"12.5","assigned":"10","sigma":"1"}',
  '{"op":"zeta","x":"10.5","u":"0.3","assigned":"10.0","uAssigned":"0.4"}',
  '',
];

describe('calchain-metrology command line (issue #3)', () => {
  it('eval answers every example line of the issue, in order, one JSON line each', () => {
    const result = run(['eval'], LINES.join('\n'));
    const out = result.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(LINES.length - 1); // the blank line gets no answer
    expect(out[0]).toBe('{"result":"12.1"}');
    expect(out[1]).toBe('{"result":"0.012"}');
    expect(out[2]).toBe('{"conforms":true,"compared":"97.0"}');
    expect(out[3]).toBe('{"mean":"10.02","s":"0.01","u":"0.0057735026918962576451","dof":2}');
    expect(out[4]).toBe('{"k":"2.119905299221255"}');
    expect(out[5]).toBe('{"k":"1.959963984540055"}');
    const gum = JSON.parse(out[6]);
    expect(Object.keys(gum)).toEqual(['y', 'uc', 'dofEff', 'k', 'U', 'budget']);
    expect(gum.y).toBe('50.000838');
    expect(gum.budget.map((b: { name: string }) => b.name)).toEqual(['lS', 'd', 'dAlpha', 'theta', 'alphaS', 'dTheta']);
    const mcm = JSON.parse(out[7]);
    expect(Object.keys(mcm)).toEqual(['y', 'u', 'low', 'high']);
    expect(Math.abs(Number(mcm.u) - Math.sqrt(4 / 3))).toBeLessThan(0.005);
    expect(JSON.parse(out[8]).error).toMatch(/^invalid JSON/);
    expect(out[9]).toBe('{"value":"50.000838","U":"0.000093"}');
    expect(JSON.parse(out[10])).toEqual({ decision: 'pass', pConform: '0.9772483374250883' });
    expect(out[11]).toBe('{"en":"1","satisfactory":true}');
    expect(out[12]).toBe('{"z":"2.5","class":"questionable"}');
    expect(out[13]).toBe('{"zeta":"1","class":"satisfactory"}');
    expect(result.status).toBe(1); // one line was bad
  });

  it('eval exits 0 when every line is good', () => {
    expect(run(['eval'], '{"op":"round","value":"60.25","interval":"0.5"}\n')).toMatchObject({ status: 0, stdout: '{"result":"60.0"}\n' });
  });

  it('rounds from the command line', () => {
    expect(run(['round', '12.1498', '--interval', '0.1'])).toMatchObject({ status: 0, stdout: '12.1\n' });
    expect(run(['round', '0.0000932', '--digits', '2', '--mode', 'up'])).toMatchObject({ status: 0, stdout: '0.000094\n' });
    expect(run(['round', '12.1498']).status).toBe(2);
  });

  it('prints the budget table of a model file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'budget-'));
    try {
      const file = path.join(dir, 'model.json');
      writeFileSync(file, JSON.stringify({ ...H1_GUM, op: undefined }));
      const result = run(['budget', file]);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Quantity  Estimate');
      expect(result.stdout).toMatch(/^dTheta\s+0\s+0\.0289\s+rectangular\s+-0\.000575\s+0\.0000166\s+2$/m);
      expect(result.stdout).toContain('Result: y = 50.000838 ± 0.000092 (k = 2.92, p = 0.99)');
      expect(run(['budget', path.join(dir, 'missing.json')])).toMatchObject({ status: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains its usage', () => {
    expect(run(['help'])).toMatchObject({ status: 0 });
    expect(run(['help']).stdout).toContain('calchain-metrology eval');
    expect(run(['frobnicate']).status).toBe(2);
  });
});
