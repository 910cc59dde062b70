import { RuleViolation } from '../../shared/domain/rule-violation';
import { checklistDifferences, formatItemLabel, ItemIntake, receiveItem, requireAdjustmentConsent, returnItem } from './item-handling';

const item = { itemId: 'i-1', contractId: 'c-1', place: 'lab' as const, inCurrentVersion: true, contractStatus: 'accepted' };
const received = (): ItemIntake =>
  receiveItem(
    { channel: 'mailed', condition: 'case scratched', conditionAcceptable: true, accessories: [{ name: 'Wooden case', quantity: 1 }, { name: 'Gloves', quantity: 2 }], documents: ['Last certificate'], photos: [] },
    { item, alreadyReceived: false, label: 'IL-2026-000001', by: 'clerk', now: new Date() },
  );
const back = { photos: [], accessories: [{ name: 'wooden case', quantity: 1 }, { name: 'Gloves', quantity: 2 }], documents: ['Last certificate'], handedOverTo: null, receiverDescription: 'SF Express, waybill 123', signatureRef: 'sig-1' };
const ctx = { alreadyReturned: false, unnoticedStateChanges: 0, contactIds: ['k1'], by: 'clerk', now: new Date() };

function broken(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolation) return error.broken;
    throw error;
  }
  throw new Error('expected a rule violation');
}

describe('item intake and return (R-6.2.2, R-6.2.3, R-6.2.5)', () => {
  it('labels items uniquely per institution and year', () => {
    expect(formatItemLabel(2026, 12)).toBe('IL-2026-000012');
  });

  it('R-6.2.2 receives a lab item once, with channel, condition and checklist', () => {
    expect(received()).toMatchObject({ channel: 'mailed', label: 'IL-2026-000001', accessories: [{ name: 'Wooden case', quantity: 1 }, { name: 'Gloves', quantity: 2 }] });
    const again = broken(() => receiveItem({ ...received(), photos: [] }, { item, alreadyReceived: true, label: 'x', by: 'u', now: new Date() }));
    expect(again[0]).toMatchObject({ rule: 'once', requirement: 'R-6.2.2' });
    const onSite = broken(() => receiveItem({ ...received(), photos: [] }, { item: { ...item, place: 'on-site' }, alreadyReceived: false, label: 'x', by: 'u', now: new Date() }));
    expect(onSite[0].rule).toBe('lab-item');
    const twice = broken(() => receiveItem({ ...received(), accessories: [{ name: 'Case', quantity: 1 }, { name: 'case', quantity: 1 }], photos: [] }, { item, alreadyReceived: false, label: 'x', by: 'u', now: new Date() }));
    expect(twice[0]).toMatchObject({ field: 'accessories.1', rule: 'unique' });
  });

  it('R-6.2.5 hands back what came in (names compared without case)', () => {
    expect(returnItem(back, { ...ctx, intake: received() })).toMatchObject({ signatureRef: 'sig-1', intakeId: expect.any(String) });
  });

  it('R-6.2.5 refuses a hand-over that does not match the intake checklist, naming each difference', () => {
    const problems = broken(() =>
      returnItem({ ...back, accessories: [{ name: 'Gloves', quantity: 1 }, { name: 'Cable', quantity: 1 }], documents: [] }, { ...ctx, intake: received() }),
    );
    expect(problems.map((p) => [p.field, p.rule, p.requirement])).toEqual([
      ['accessories.Wooden case', 'matches-intake', 'R-6.2.5'],
      ['accessories.Gloves', 'matches-intake', 'R-6.2.5'],
      ['accessories.Cable', 'matches-intake', 'R-6.2.5'],
      ['documents.Last certificate', 'matches-intake', 'R-6.2.5'],
    ]);
    expect(problems[1].message).toBe('accessory "Gloves": 2 received, 1 handed back');
  });

  it('R-6.2.5 refuses returning an item never received, twice, or without a named receiver', () => {
    expect(() => returnItem(back, { ...ctx, intake: null })).toThrow(/never received/);
    expect(broken(() => returnItem(back, { ...ctx, intake: received(), alreadyReturned: true }))[0].rule).toBe('once');
    expect(broken(() => returnItem({ ...back, receiverDescription: null }, { ...ctx, intake: received() }))[0].rule).toBe('receiver-named');
    expect(broken(() => returnItem({ ...back, handedOverTo: 'k9' }, { ...ctx, intake: received() }))[0].rule).toBe('contact-of-customer');
  });

  it('R-6.2.3 refuses returning an item whose state changed before the customer was told', () => {
    expect(broken(() => returnItem(back, { ...ctx, intake: received(), unnoticedStateChanges: 1 }))[0]).toMatchObject({ rule: 'state-change-noticed', requirement: 'R-6.2.3' });
  });

  it('R-6.2.3 adjusting needs the latest recorded decision to be a consent', () => {
    expect(() => requireAdjustmentConsent([])).toThrow(/recorded consent/);
    expect(() => requireAdjustmentConsent([{ decision: 'granted' }, { decision: 'refused' }])).toThrow(/refused/);
    expect(() => requireAdjustmentConsent([{ decision: 'refused' }, { decision: 'granted' }])).not.toThrow();
  });

  it('lists no differences when the checklists match', () => {
    expect(checklistDifferences({ accessories: [], documents: [] }, { accessories: [], documents: [] })).toEqual([]);
  });
});
