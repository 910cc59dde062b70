import { MetrologyError } from '../errors';
import { formatBudget } from './budget-table';
import { gum } from './gum';
import { reportResult } from './report';

// JJF 1059.1 §5.3 / GUM 7.2.6: U with at most two significant figures, the result to the same
// decimal place (R-6.4.2.2).
describe('R-6.4.2.2 reporting a result with its expanded uncertainty', () => {
  it.each`
    value          | U              | mode       | expected
    ${'50.000838'} | ${'0.0000932'} | ${'round'} | ${{ value: '50.000838', U: '0.000093' }}
    ${'50.000838'} | ${'0.0000932'} | ${'up'}    | ${{ value: '50.000838', U: '0.000094' }}
    ${'10.0587'}   | ${'0.00335'}   | ${'round'} | ${{ value: '10.0587', U: '0.0034' }}
    ${'10.05875'}  | ${'0.00325'}   | ${'round'} | ${{ value: '10.0588', U: '0.0032' }}
    ${'1.23456'}   | ${'0.0996'}    | ${'round'} | ${{ value: '1.23', U: '0.10' }}
    ${'56789.1'}   | ${'1234'}      | ${'round'} | ${{ value: '56800', U: '1200' }}
    ${'-0.00041'}  | ${'0.00052'}   | ${'round'} | ${{ value: '-0.00041', U: '0.00052' }}
    ${'2'}         | ${'0.25'}      | ${'round'} | ${{ value: '2.00', U: '0.25' }}
  `('$value ± $U ($mode) → $expected.value ± $expected.U', ({ value, U, mode, expected }) => {
    expect(reportResult(value, U, { mode })).toEqual(expected);
  });

  it('reports with one significant figure when asked', () => {
    expect(reportResult('9.876', '0.034', { digits: 1 })).toEqual({ value: '9.88', U: '0.03' });
  });

  it('refuses U ≤ 0, three figures and unknown modes', () => {
    expect(() => reportResult('1', '0')).toThrow(MetrologyError);
    expect(() => reportResult('1', '0.1', { digits: 3 as never })).toThrow(/two significant/);
    expect(() => reportResult('1', '0.1', { mode: 'ceil' as never })).toThrow(/mode/);
  });
});

describe('R-6.3.5 budget table', () => {
  it('lists every input with estimate, u, distribution, c, contribution and ν, then the result', () => {
    const model = 'a * b';
    const text = formatBudget(
      model,
      gum({
        model,
        inputs: [
          { name: 'a', estimate: '2.000', u: '0.010', dof: 9 },
          { name: 'b', estimate: '3.0', u: { halfWidth: '0.3', dist: 'rectangular' } },
        ],
      }),
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('Model: y = a * b');
    expect(lines[2].split(/\s{2,}/)).toEqual(['Quantity', 'Estimate', 'u(xi)', 'Distribution', 'ci', 'ui(y)', 'νi']);
    expect(lines[4].split(/\s{2,}/)).toEqual(['a', '2.000', '0.0100', 'normal', '3.00', '0.0300', '9']);
    expect(lines[5].split(/\s{2,}/)).toEqual(['b', '3.0', '0.173', 'rectangular', '2.00', '0.346', '∞']);
    expect(text).toContain('y = 6');
    expect(text).toMatch(/Result: y = 6\.00 ± 0\.68 \(k = 1\.96, p = 0\.95\)/);
  });
});
