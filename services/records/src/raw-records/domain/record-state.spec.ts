import { fold, JournalEntry, requirementForStatus } from './record-state';
import { projectionOf } from './projection';
import { retainUntil, deletionProblem } from './retention';

let seq = 0;
const entry = (recordVersion: number, kind: string, payload: unknown, actor = 'p1'): JournalEntry => ({
  id: `e${recordVersion}`, seq: ++seq, recordVersion, kind, payload, actor, recordedAt: `2026-11-26T08:00:${String(recordVersion).padStart(2, '0')}.000Z`, entryHash: `h${recordVersion}`,
});
const created = { workOrderId: 'w', orderNumber: 'WO-1', recordNumber: 'RR-2026-000001', customerId: 'c', placeOfWork: 'lab', itemId: 'i', description: 'd', serialNumber: 's', serviceKind: 'calibration', methodCode: 'M', nominalRange: null, sourceEventId: 'ev', remeasurementOf: null };
const reading = (id: string, value: string) => ({ observationId: id, symbol: 'd', point: '50 mm', nominal: '50', adjustment: 'not-adjusted', repeat: 1, value, unit: 'mm', receivedAt: '2026-11-26T08:00:05.000Z', claimedAt: null, late: false, lateReason: null, authorisationId: 'a' });

describe('a record is the fold of its journal (R-6.3.4)', () => {
  const entries = [
    entry(1, 'created', created, 'system:intake'),
    entry(2, 'reading', reading('o1', '0.10')),
    entry(3, 'correction', { observationId: 'o1', previousValue: '0.10', value: '0.01', reason: 'transposed digits', authorisationId: 'a' }, 'p2'),
    entry(4, 'correction', { observationId: 'o1', previousValue: '0.01', value: '0.011', reason: 'read the last digit', authorisationId: 'a' }),
  ];

  it('keeps the original value and every correction beside the current one, each with person, time and reason', () => {
    const s = fold('r', entries);
    const o = s.observations[0];
    expect([o.originalValue, o.value]).toEqual(['0.10', '0.011']);
    expect(o.corrections.map((c) => [c.version, c.previousValue, c.value, c.by, c.reason])).toEqual([
      [3, '0.10', '0.01', 'p2', 'transposed digits'],
      [4, '0.01', '0.011', 'p1', 'read the last digit'],
    ]);
    expect(s.persons.sort()).toEqual(['p1', 'p2']);
    expect(s.version).toBe(4);
  });

  it('gives back every earlier version exactly as it was', () => {
    expect(fold('r', entries, 2).observations[0].value).toBe('0.10');
    expect(fold('r', entries, 3).observations[0].value).toBe('0.01');
    expect(fold('r', entries, 1).observations).toEqual([]);
  });

  it('projects status, version and the persons of the job', () => {
    const p = projectionOf(fold('r', entries), 'h4');
    expect(p).toMatchObject({ status: 'pending', currentVersion: 4, headHash: 'h4', recordNumber: 'RR-2026-000001', persons: ['p1', 'p2'] });
  });
});

describe('retention (R-6.3.6, R-7.3.2)', () => {
  it('keeps raw records six years from approval (29 February falls back to 28 February)', () => {
    expect(retainUntil('2026-11-26', 6)).toBe('2032-11-26');
    expect(retainUntil('2028-02-29', 6)).toBe('2034-02-28');
    expect(() => retainUntil('2026-11-26', 5)).toThrow(/6 years/);
  });

  it('refuses deletion before expiry and sends expired records to a destruction list', () => {
    const approved = { ...fold('r', [entry(1, 'created', created)]), status: 'approved' as const };
    expect(deletionProblem(approved, '2032-11-26', '2026-11-27')).toMatchObject({ requirement: 'R-6.3.6', rule: 'retention-expired' });
    expect(deletionProblem(approved, '2032-11-26', '2032-11-27')).toMatchObject({ requirement: 'R-7.3.1', rule: 'destruction-list' });
    expect(deletionProblem(fold('r', [entry(1, 'created', created)]), null, '2040-01-01')).toMatchObject({ requirement: 'R-6.3.6', rule: 'retained' });
  });
});

describe('the clause a status refusal cites', () => {
  it.each`
    status          | requirement
    ${'pending'}    | ${'R-7.1.1'}
    ${'suspicious'} | ${'R-8.2'}
    ${'approved'}   | ${'R-6.3.4'}
    ${'remeasured'} | ${'R-6.3.4'}
    ${'destroyed'}  | ${'R-6.3.4'}
    ${'returned'}   | ${'R-4.5'}
  `('R-8.2 R-6.3.4 a $status record is refused citing $requirement', ({ status, requirement }) => {
    expect(requirementForStatus(status)).toBe(requirement);
  });
});
