import { MetrologyError } from '../errors';
import { judgeLimit, parseLimit } from './limit';

// GB/T 8170-2008 clause 4, table 2: the same measured values judged by the full-value method
// (4.3.1) and by the rounded-value method (4.3.2), which may disagree.
describe('R-6.3.5 GB/T 8170 limit judgement, table 2', () => {
  it.each`
    limit          | interval | value       | full     | rounded     | roundedOk
    ${'>=1400'}    | ${'100'} | ${'1349'}   | ${false} | ${'1300'}   | ${false}
    ${'>=1400'}    | ${'100'} | ${'1351'}   | ${false} | ${'1400'}   | ${true}
    ${'>=1400'}    | ${'100'} | ${'1400'}   | ${true}  | ${'1400'}   | ${true}
    ${'>=1400'}    | ${'100'} | ${'1402'}   | ${true}  | ${'1400'}   | ${true}
    ${'>=97.0'}    | ${'0.1'} | ${'96.949'} | ${false} | ${'96.9'}   | ${false}
    ${'>=97.0'}    | ${'0.1'} | ${'96.952'} | ${false} | ${'97.0'}   | ${true}
    ${'>=97.0'}    | ${'0.1'} | ${'97.000'} | ${true}  | ${'97.0'}   | ${true}
    ${'>=97.0'}    | ${'0.1'} | ${'97.01'}  | ${true}  | ${'97.0'}   | ${true}
    ${'<=0.5'}     | ${'0.1'} | ${'0.452'}  | ${true}  | ${'0.5'}    | ${true}
    ${'<=0.5'}     | ${'0.1'} | ${'0.500'}  | ${true}  | ${'0.5'}    | ${true}
    ${'<=0.5'}     | ${'0.1'} | ${'0.549'}  | ${false} | ${'0.5'}    | ${true}
    ${'<=0.5'}     | ${'0.1'} | ${'0.551'}  | ${false} | ${'0.6'}    | ${false}
    ${'1.2~1.6'}   | ${'0.1'} | ${'1.151'}  | ${false} | ${'1.2'}    | ${true}
    ${'1.2~1.6'}   | ${'0.1'} | ${'1.200'}  | ${true}  | ${'1.2'}    | ${true}
    ${'1.2~1.6'}   | ${'0.1'} | ${'1.649'}  | ${false} | ${'1.6'}    | ${true}
    ${'1.2~1.6'}   | ${'0.1'} | ${'1.651'}  | ${false} | ${'1.7'}    | ${false}
    ${'10.0±0.1'}  | ${'0.1'} | ${'9.89'}   | ${false} | ${'9.9'}    | ${true}
    ${'10.0±0.1'}  | ${'0.1'} | ${'9.85'}   | ${false} | ${'9.8'}    | ${false}
    ${'10.0±0.1'}  | ${'0.1'} | ${'10.10'}  | ${true}  | ${'10.1'}   | ${true}
    ${'10.0±0.1'}  | ${'0.1'} | ${'10.16'}  | ${false} | ${'10.2'}   | ${false}
  `('$value against $limit: full $full, rounded $rounded → $roundedOk', ({ limit, interval, value, full, rounded, roundedOk }) => {
    expect(judgeLimit(value, limit, { method: 'full' })).toEqual({ conforms: full, compared: value });
    expect(judgeLimit(value, limit, { method: 'rounded', interval })).toEqual({ conforms: roundedOk, compared: rounded });
  });

  it('judges the issue example: 96.96 rounds to 97.0 and conforms to ">=97.0"', () => {
    expect(judgeLimit('96.96', '>=97.0', { method: 'rounded', interval: '0.1' })).toEqual({ conforms: true, compared: '97.0' });
    expect(judgeLimit('96.96', '>=97.0', { method: 'full' })).toEqual({ conforms: false, compared: '96.96' });
  });

  it('rounds by default to the places the limit is written with (4.3.2)', () => {
    expect(judgeLimit('96.96', '>=97.0', { method: 'rounded' }).compared).toBe('97.0');
    expect(judgeLimit('9.954', '10.00±0.05', { method: 'rounded' }).compared).toBe('9.95');
  });

  it('distinguishes strict from inclusive limits', () => {
    expect(judgeLimit('5.0', '<5.0').conforms).toBe(false);
    expect(judgeLimit('5.0', '<=5.0').conforms).toBe(true);
    expect(judgeLimit('5.0', '≤5.0').conforms).toBe(true);
    expect(judgeLimit('5.0', '>5.0').conforms).toBe(false);
    expect(judgeLimit('5.0', '≥5.0').conforms).toBe(true);
    expect(judgeLimit('4.96', '<5.0', { method: 'rounded' })).toEqual({ conforms: false, compared: '5.0' });
  });

  it('refuses limits it cannot read', () => {
    expect(() => parseLimit('=5')).toThrow(MetrologyError);
    expect(() => parseLimit('1.6~1.2')).toThrow(/lower end/);
    expect(() => parseLimit('10±-0.1')).toThrow(MetrologyError);
    expect(() => judgeLimit('1', '>=1', { method: 'nearest' as never })).toThrow(/method/);
  });
});
