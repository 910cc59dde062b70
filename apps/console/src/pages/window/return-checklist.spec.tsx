import { checklistDifferences, handedBack, linesOf, receiverOf, returnLines } from './return-checklist';

describe('return checklist counted against the intake (R-6.2.5)', () => {
  const intake = { accessories: [{ name: 'Wooden case', quantity: 1 }, { name: 'Gauge block 5 mm', quantity: 2 }], documents: ['Previous certificate'] };

  it('starts as the intake left it, and a full hand-over matches', () => {
    const lines = returnLines(intake.accessories);
    expect(lines.every((l) => l.handedBack)).toBe(true);
    expect(handedBack(lines)).toEqual(intake.accessories);
    expect(checklistDifferences(intake, { accessories: handedBack(lines), documents: intake.documents })).toEqual([]);
  });

  it('names what is missing, a different count and what was never received, as the intake service would refuse it', () => {
    const lines = returnLines(intake.accessories).map((l) => (l.name === 'Wooden case' ? { ...l, handedBack: false } : { ...l, quantity: '1' }));
    const back = { accessories: [...handedBack(lines), { name: 'Manual', quantity: 1 }], documents: ['Invoice'] };
    expect(checklistDifferences(intake, back)).toEqual([
      { kind: 'missing', name: 'Wooden case', received: 1 },
      { kind: 'quantity', name: 'Gauge block 5 mm', received: 2, returned: 1 },
      { kind: 'unexpected', name: 'Manual', returned: 1 },
      { kind: 'document-missing', name: 'Previous certificate' },
      { kind: 'document-unexpected', name: 'Invoice' },
    ]);
  });

  it('compares names trimmed and case-insensitive, like the service', () => {
    expect(checklistDifferences(intake, { accessories: [{ name: ' wooden CASE', quantity: 1 }, { name: 'gauge block 5 mm', quantity: 2 }], documents: ['previous certificate '] })).toEqual([]);
  });

  it('a receiver is a contact of the customer or a description; without either there is none', () => {
    expect(receiverOf('c-1', '')).toEqual({ handedOverTo: 'c-1', receiverDescription: null });
    expect(receiverOf('', ' SF Express, waybill 1234 ')).toEqual({ handedOverTo: null, receiverDescription: 'SF Express, waybill 1234' });
    expect(receiverOf('', '  ')).toBeNull();
  });

  it('documents are one per line', () => {
    expect(linesOf('Previous certificate\n\n Manual ')).toEqual(['Previous certificate', 'Manual']);
  });
});
