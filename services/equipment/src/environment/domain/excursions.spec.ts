import { detectExcursions, distanceOutside, MonitorState } from './excursions';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 0, minute));
const series = (values: string[], from = 0) => values.map((value, i) => ({ at: at(from + i), value, deviceId: 'T-1' }));
const limit = { lower: '18.0', upper: '24.0' };
let n = 0;
const id = () => `x${++n}`;

describe('environmental excursion detection', () => {
  it('R-5.4.2 measures distance outside inclusive limits exactly', () => {
    expect(distanceOutside('24.0', limit).toString()).toBe('0');
    expect(distanceOutside('24.01', limit).toString()).toBe('0.01');
    expect(distanceOutside('17.5', limit).toString()).toBe('0.5');
    expect(distanceOutside('99', { lower: null, upper: null }).toString()).toBe('0');
  });

  it('R-5.4.2 starts an excursion on leaving the limits, tracks the worst value and ends it on return', () => {
    const empty: MonitorState = { lastAt: null, open: null };
    const result = detectExcursions(limit, empty, series(['20.0', '24.5', '25.3', '24.9', '23.0', '22.0']), id);
    expect(result.started).toEqual([expect.objectContaining({ startedAt: at(1), value: '24.5' })]);
    expect(result.ended).toEqual([expect.objectContaining({ startedAt: at(1), endedAt: at(4), worstValue: '25.3' })]);
    expect(result.state).toEqual({ lastAt: at(5), open: null });
  });

  it('R-5.4.2 carries an open excursion across batches and ignores late or repeated readings', () => {
    const first = detectExcursions(limit, { lastAt: null, open: null }, series(['20.0', '24.5']), id);
    expect(first.state.open).not.toBeNull();
    const late = detectExcursions(limit, first.state, series(['30.0'], 0), id);
    expect(late.started).toEqual([]);
    expect(late.state).toEqual(first.state);
    const second = detectExcursions(limit, first.state, series(['26.0', '20.0'], 2), id);
    expect(second.started).toEqual([]);
    expect(second.ended).toEqual([expect.objectContaining({ id: first.state.open!.id, worstValue: '26.0' })]);
  });
});
