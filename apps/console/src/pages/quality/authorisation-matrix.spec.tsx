import { authorisationMatrix, stateOf } from './authorisation-matrix';

describe('personnel authorisation matrix (R-5.1.1, R-5.1.4)', () => {
  const today = '2026-06-01';
  const rows = [
    { personId: 'p1', itemCode: 'JJG 146', role: 'calibrator', validFrom: '2025-01-01', validUntil: '2027-01-01', status: 'active' },
    { personId: 'p1', itemCode: 'JJG 146', role: 'checker', validFrom: '2025-01-01', validUntil: '2026-07-01', status: 'active' },
    { personId: 'p2', itemCode: 'JJG 146', role: 'calibrator', validFrom: '2024-01-01', validUntil: '2025-01-01', status: 'active' },
    { personId: 'p2', itemCode: 'JJG 146', role: 'calibrator', validFrom: '2025-01-02', validUntil: '2028-01-01', status: 'active' },
    { personId: 'p2', itemCode: 'JJF 1033', role: 'authorised-signatory', validFrom: '2025-01-01', validUntil: '2028-01-01', status: 'revoked' },
    { personId: 'p3', itemCode: 'JJF 1033', role: 'checker', validFrom: '2026-09-01', validUntil: '2029-01-01', status: 'active' },
  ];

  it('people down, item codes across, roles in each cell with their standing', () => {
    const m = authorisationMatrix(rows, today);
    expect(m.people).toEqual(['p1', 'p2', 'p3']);
    expect(m.items).toEqual(['JJF 1033', 'JJG 146']);
    expect(m.cell('p1', 'JJG 146')).toEqual([
      { role: 'calibrator', validUntil: '2027-01-01', state: 'valid' },
      { role: 'checker', validUntil: '2026-07-01', state: 'expiring' },
    ]);
    expect(m.cell('p1', 'JJF 1033')).toEqual([]);
  });

  it('a renewed authorisation wins over the expired one of the same role', () => {
    expect(authorisationMatrix(rows, today).cell('p2', 'JJG 146')).toEqual([{ role: 'calibrator', validUntil: '2028-01-01', state: 'valid' }]);
  });

  it('revoked, expired and not-yet-valid roles never count as held', () => {
    const m = authorisationMatrix(rows, today);
    expect(m.cell('p2', 'JJF 1033')[0].state).toBe('ended');
    expect(m.cell('p3', 'JJF 1033')[0].state).toBe('not-yet');
    expect(m.heldBy('JJF 1033')).toBe(0);
    expect(m.heldBy('JJG 146')).toBe(2);
  });

  it('ending within the warning window is flagged, on the last day still in force', () => {
    expect(stateOf({ personId: 'p', itemCode: 'x', role: 'r', validUntil: today }, today)).toBe('expiring');
    expect(stateOf({ personId: 'p', itemCode: 'x', role: 'r', validUntil: '2026-05-31' }, today)).toBe('ended');
    expect(stateOf({ personId: 'p', itemCode: 'x', role: 'r', validUntil: '2026-07-31' }, today)).toBe('expiring');
    expect(stateOf({ personId: 'p', itemCode: 'x', role: 'r', validUntil: '2026-08-01' }, today)).toBe('valid');
  });
});
