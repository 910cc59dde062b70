import { evalLine, runOperation } from './operations';

// The `calchain-metrology eval` contract of issue #3: exact operation and field names.
describe('calchain-metrology eval operations (issue #3)', () => {
  it.each`
    line                                                                                                      | out
    ${'{"op":"round","value":"12.1498","interval":"0.1"}'}                                                    | ${'{"result":"12.1"}'}
    ${'{"op":"roundSig","value":"0.012351","digits":2}'}                                                      | ${'{"result":"0.012"}'}
    ${'{"op":"judgeLimit","value":"96.96","limit":">=97.0","method":"rounded","interval":"0.1"}'}             | ${'{"conforms":true,"compared":"97.0"}'}
    ${'{"op":"report","value":"50.000838","U":"0.0000932","mode":"round"}'}                                   | ${'{"value":"50.000838","U":"0.000093"}'}
    ${'{"op":"typeA","readings":["10.01","10.03","10.02"]}'}                                                  | ${'{"mean":"10.02","s":"0.01","u":"0.0057735026918962576451","dof":2}'}
    ${'{"op":"k","dof":16,"p":"0.95"}'}                                                                       | ${'{"k":"2.119905299221255"}'}
    ${'{"op":"k","dof":"inf","p":"0.9545"}'}                                                                  | ${'{"k":"2"}'}
    ${'{"op":"en","x":"10.5","U":"0.4","xRef":"10.0","URef":"0.3"}'}                                          | ${'{"en":"1","satisfactory":true}'}
    ${'{"op":"z","x":"12.5","assigned":"10","sigma":"1"}'}                                                    | ${'{"z":"2.5","class":"questionable"}'}
    ${'{"op":"zeta","x":"11.5","u":"0.3","assigned":"10.0","uAssigned":"0.4"}'}                               | ${'{"zeta":"3","class":"unsatisfactory"}'}
    ${'{"op":"typeB","halfWidth":"0.045","dist":"normal","k":"2"}'}                                           | ${'{"u":"0.0225"}'}
  `('$line', ({ line, out }) => {
    expect(evalLine(line)).toBe(out);
  });

  it('decide gives the decision and the probability of conformance', () => {
    expect(JSON.parse(evalLine('{"op":"decide","value":"10.02","U":"0.03","limit":"10.00±0.05","rule":"guarded"}'))).toEqual({
      decision: 'pass',
      pConform: '0.9772483374250883',
    });
  });

  it('gum gives y, uc, dofEff, k, U and the budget, in that order', () => {
    const line = JSON.stringify({
      op: 'gum',
      model: 'x1*x2',
      inputs: [
        { name: 'x1', estimate: '2.00', u: '0.10', dof: 9 },
        { name: 'x2', estimate: '3.0', u: { halfWidth: '0.3', dist: 'rectangular' }, dof: 9 },
      ],
      correlations: [{ a: 'x1', b: 'x2', r: '-0.36' }],
      p: '0.95',
    });
    const out = JSON.parse(evalLine(line));
    expect(Object.keys(out)).toEqual(['y', 'uc', 'dofEff', 'k', 'U', 'budget']);
    expect(out.y).toBe('6');
    expect(Object.keys(out.budget[0]).slice(0, 3)).toEqual(['name', 'c', 'contribution']);
    expect(out.budget.map((b: { c: string }) => b.c)).toEqual(['3', '2']);
    const u1 = 0.3;
    const u2 = (2 * 0.3) / Math.sqrt(3);
    expect(Number(out.uc)).toBeCloseTo(Math.sqrt(u1 ** 2 + u2 ** 2 - 2 * 0.36 * u1 * u2), 15);
    expect(out.dofEff).toBeCloseTo(9, 12); // one correlated ensemble with 9 dof
  });

  it('gum writes infinite dof as "inf"', () => {
    const out = JSON.parse(evalLine('{"op":"gum","model":"a","inputs":[{"name":"a","estimate":"1","u":"0.1"}]}'));
    expect(out.dofEff).toBe('inf');
    expect(out.budget[0].dof).toBe('inf');
    expect(out.k).toBe('1.959963984540055');
  });

  it('mcm gives y, u, low and high; adaptive runs also their trials', () => {
    const inputs = [
      { name: 'X1', dist: 'normal', mean: '0', sd: '1' },
      { name: 'X2', dist: 'rectangular', a: '-1', b: '1' },
    ];
    const fixed = JSON.parse(evalLine(JSON.stringify({ op: 'mcm', model: 'X1 + X2', inputs, trials: 100000, seed: 7, p: '0.95' })));
    expect(Object.keys(fixed)).toEqual(['y', 'u', 'low', 'high']);
    expect(Number(fixed.u)).toBeCloseTo(Math.sqrt(1 + 1 / 3), 2);
    const adaptive = JSON.parse(evalLine(JSON.stringify({ op: 'mcm', model: 'X1 + X2', inputs, seed: 7 })));
    expect(Object.keys(adaptive)).toEqual(['y', 'u', 'low', 'high', 'trials', 'converged']);
  });

  it('answers a bad line with {"error": …} and says what is wrong', () => {
    expect(JSON.parse(evalLine('not json')).error).toMatch(/^invalid JSON/);
    expect(JSON.parse(evalLine('[1]')).error).toMatch(/JSON object/);
    expect(JSON.parse(evalLine('{"op":"fly"}')).error).toMatch(/unknown op "fly"/);
    expect(JSON.parse(evalLine('{"op":"round","value":"1.25"}')).error).toBe('round: missing "interval"');
    expect(JSON.parse(evalLine('{"op":"round","value":1.25,"interval":"0.1"}')).error).toMatch(/decimal string/);
    expect(JSON.parse(evalLine('{"op":"round","value":"1.25","intervall":"0.1"}')).error).toMatch(/unknown field\(s\) "intervall"/);
    expect(JSON.parse(evalLine('{"op":"round","value":"1.25","interval":"0.3"}')).error).toMatch(/^round: interval must be 1, 2 or 5/);
  });

  it('reports internal faults as errors too, without stopping', () => {
    expect(runOperation(null)).toEqual({ error: 'each line must be a JSON object' });
  });
});
