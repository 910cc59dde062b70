import { RuleViolation } from '../../shared/domain/rule-violation';
import { checkAcceptance } from './acceptance';
import { buildVersion, checkSomethingChanged, ContractItemInput, diffVersions, formatContractNumber, statusAfterChange } from './contract';
import { reviewContract } from './contract-review';
import { blockedItems, raiseDeviation, requireNotBlocked, resolveDeviation } from './deviation';
import { recordConsent } from './consent';
import { anItem, aVersion, capableLab, ids } from './fixtures';
import { proposeSubcontracting, resolveSubcontracting } from './subcontracting';
import { omit } from '../../shared/domain/objects';

const fees = (code: string) => (code === 'L-001' ? { unitPrice: '120.50' } : null);
const input = (overrides: Partial<ContractItemInput> = {}): ContractItemInput => {
  return { ...omit(anItem(), 'itemId', 'position', 'unitPrice', 'price'), itemCode: null, quantity: 2, ...overrides };
};
const context = { contractId: ids.contract, version: 1, today: '2026-03-02', recordedBy: 'clerk', now: new Date(), changeReason: null, fees, previous: null };

function violated(fn: () => unknown): RuleViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolation) return error;
    throw error;
  }
  throw new Error('expected a rule violation');
}

describe('contract versions (R-6.1.1, R-6.1.3)', () => {
  it('numbers contracts per institution and year', () => {
    expect(formatContractNumber(2026, 7)).toBe('CT-2026-000007');
  });

  it('R-6.1.1 prices items from the fee schedule in decimals and defaults the item code to the method code', () => {
    const version = buildVersion({ writtenRequirements: 'as per quote', oralRequirements: [{ summary: 'return by courier', receivedOn: '2026-03-01' }], items: [input()] }, context);
    expect(version.items[0]).toMatchObject({ position: 1, unitPrice: '120.50', price: '241.00', itemCode: 'JJG 146' });
    expect(version.total).toBe('241.00');
    expect(version.oralRequirements).toEqual([{ summary: 'return by courier', receivedOn: '2026-03-01', recordedBy: 'clerk' }]);
  });

  it('refuses unknown fee codes, past requested dates and future oral requirements, naming each field', () => {
    const error = violated(() =>
      buildVersion(
        { writtenRequirements: null, oralRequirements: [{ summary: 'x', receivedOn: '2026-03-03' }], items: [input({ feeCode: 'NOPE', requestedCompletionDate: '2026-03-01' })] },
        context,
      ),
    );
    expect(error.broken.map((b) => [b.field, b.requirement])).toEqual([
      ['items.0.feeCode', 'R-4.4'],
      ['items.0.requestedCompletionDate', 'R-6.1.1'],
      ['oralRequirements.0.receivedOn', 'R-6.1.1'],
    ]);
  });

  it('R-6.1.3 a change keeps item identity, carries oral requirements over and reports what changed', () => {
    const v1 = buildVersion({ writtenRequirements: null, oralRequirements: [{ summary: 'call first', receivedOn: '2026-03-01' }], items: [input(), input({ serialNumber: 'B' })] }, context);
    const [a, b] = v1.items;
    const v2 = buildVersion(
      { writtenRequirements: null, oralRequirements: [], items: [input({ itemId: a.itemId }), input({ itemId: b.itemId, range: { lower: '1', upper: '50', unit: 'mm' } }), input({ serialNumber: 'C' })] },
      { ...context, version: 2, previous: v1, changeReason: 'narrower range' },
    );
    expect(v2.oralRequirements).toHaveLength(1);
    const diff = diffVersions(v1.items, v2.items);
    expect(diff.changedItemIds).toEqual([b.itemId]);
    expect(diff.addedItemIds).toEqual([v2.items[2].itemId]);
    expect(diff.removedItemIds).toEqual([]);
    expect(diffVersions(v2.items, v2.items.slice(1)).removedItemIds).toEqual([a.itemId]);
  });

  it('R-6.1.3 refuses item ids that are not in the previous version, and changes that change nothing', () => {
    expect(violated(() => buildVersion({ writtenRequirements: null, oralRequirements: [], items: [input({ itemId: ids.personA })] }, context)).broken[0].rule).toBe('item-of-contract');
    const v1 = aVersion();
    expect(() => checkSomethingChanged(diffVersions(v1.items, v1.items), v1, { writtenRequirements: null, oralRequirements: [], items: [] })).toThrow(/R-6.1.3/);
  });

  it('R-6.1.3 an accepted contract that changes waits for its new review; a cancelled one cannot change', () => {
    expect(statusAfterChange('draft')).toBe('draft');
    expect(statusAfterChange('accepted')).toBe('change-pending');
    expect(() => statusAfterChange('cancelled')).toThrow(RuleViolation);
  });
});

describe('acceptance (R-6.1.2, R-6.1.3)', () => {
  const contract = { id: ids.contract, tenantId: 't', number: 'CT-2026-000001', customerId: 'c', contactId: null, status: 'draft' as const, currentVersion: 1, acceptedVersion: null, createdAt: new Date(), createdBy: 'u' };
  const now = new Date('2026-03-02T02:00:00Z');
  const reviewed = (lab = capableLab()) =>
    reviewContract(aVersion(), lab, { asOf: '2026-03-02', timeLimits: new Map([[ids.item, { workingDays: 5, promisedDate: '2026-03-09' }]]), trigger: 'created', reviewedBy: 'u', now });
  const outOfScope = () => {
    const lab = capableLab();
    lab.standards = [];
    return reviewed(lab);
  };

  it('accepts a reviewed version whose items all passed', () => {
    expect(checkAcceptance(contract, [anItem()], reviewed(), [], []).get(ids.item)).toBe('in-house');
  });

  it('refuses an unreviewed version, and after a change a version without its new review', () => {
    expect(violated(() => checkAcceptance(contract, [anItem()], null, [], [])).requirement).toBe('R-6.1.2');
    const changed = { ...contract, status: 'change-pending' as const, currentVersion: 2 };
    expect(violated(() => checkAcceptance(changed, [anItem()], reviewed(), [], [])).message).toMatch(/R-6.1.3: version 2 has not been reviewed: a change needs a new review/);
  });

  it('refuses an item that failed the review unless it is subcontracted with consent', () => {
    const review = outOfScope();
    const error = violated(() => checkAcceptance(contract, [anItem()], review, [], []));
    expect(error.broken[0]).toMatchObject({ field: 'items.0', rule: 'review-passed', requirement: 'R-4.1.2' });
    const proposed = proposeSubcontracting({ itemId: ids.item, subcontractor: 'NIM', reason: 'out of scope' }, { contractId: ids.contract, contractStatus: 'draft', currentItemIds: [ids.item], existing: [], proposedBy: 'u', now });
    expect(violated(() => checkAcceptance(contract, [anItem()], review, [proposed], [])).broken.map((b) => b.rule)).toContain('subcontracting-consent');
    const consented = resolveSubcontracting(proposed, 'granted', 'consent-1');
    expect(checkAcceptance(contract, [anItem()], review, [consented], []).get(ids.item)).toBe('subcontracted');
    const refused = resolveSubcontracting(proposed, 'refused', 'consent-2');
    expect(() => checkAcceptance(contract, [anItem()], review, [refused], [])).toThrow(/R-4.1.2/);
  });

  it('R-6.1.3 refuses while a deviation awaits consent or was refused, accepts once consented', () => {
    const deviation = raiseDeviation(
      { itemIds: [ids.item], requirement: 'JJG 146-2011', deviation: 'calibrate to JJF 1001 instead' },
      { contractId: ids.contract, contractStatus: 'draft', contractVersion: 1, currentItemIds: [ids.item], raisedBy: 'u', now },
    );
    expect(violated(() => checkAcceptance(contract, [anItem()], reviewed(), [], [deviation])).message).toMatch(/R-6.1.3: deviation awaiting customer consent/);
    expect(() => checkAcceptance(contract, [anItem()], reviewed(), [], [resolveDeviation(deviation, 'refused', 'c', now)])).toThrow(/was refused/);
    expect(checkAcceptance(contract, [anItem()], reviewed(), [], [resolveDeviation(deviation, 'granted', 'c', now)]).size).toBe(1);
  });
});

describe('deviations, subcontracting and consent (R-6.1.2, R-6.1.3)', () => {
  const now = new Date();
  const raise = (itemIds = [ids.item]) =>
    raiseDeviation({ itemIds, requirement: 'r', deviation: 'd' }, { contractId: ids.contract, contractStatus: 'accepted', contractVersion: 1, currentItemIds: [ids.item], raisedBy: 'u', now });

  it('blocks the items of an unconsented deviation, and only those', () => {
    const d = raise();
    expect([...blockedItems([d]).keys()]).toEqual([ids.item]);
    expect(() => requireNotBlocked([ids.item], [d])).toThrow(/R-6.1.3: deviation awaiting customer consent/);
    expect(() => requireNotBlocked(['other'], [d])).not.toThrow();
    expect(blockedItems([resolveDeviation(d, 'granted', 'c', now)]).size).toBe(0);
  });

  it('refuses deviations on items outside the contract and resolving one twice', () => {
    expect(() => raise(['nope'])).toThrow(/not an item of the current contract version/);
    expect(() => resolveDeviation(resolveDeviation(raise(), 'granted', 'c', now), 'refused', 'c', now)).toThrow(/already consented/);
  });

  it('refuses subcontracting on an accepted contract without a change, and twice for one item', () => {
    const base = { contractId: ids.contract, currentItemIds: [ids.item], proposedBy: 'u', now };
    expect(() => proposeSubcontracting({ itemId: ids.item, subcontractor: 'x', reason: 'y' }, { ...base, contractStatus: 'accepted', existing: [] })).toThrow(/R-6.1.3/);
    const first = proposeSubcontracting({ itemId: ids.item, subcontractor: 'x', reason: 'y' }, { ...base, contractStatus: 'draft', existing: [] });
    expect(() => proposeSubcontracting({ itemId: ids.item, subcontractor: 'x', reason: 'y' }, { ...base, contractStatus: 'draft', existing: [first] })).toThrow(/already proposed/);
  });

  it('records consent only with evidence, from a contact of the customer, not in the future', () => {
    const base = { customerId: 'c', contractId: ids.contract, subject: 'deviation' as const, subjectId: 'd', requirement: 'R-6.1.3', recordedBy: 'u', now, today: '2026-03-02', contactIds: ['k1'] };
    expect(recordConsent({ decision: 'granted', form: 'written', givenOn: '2026-03-02', contactId: 'k1', reference: null }, base).subject).toBe('deviation');
    expect(() => recordConsent({ decision: 'granted', form: 'oral-recorded', givenOn: '2026-03-02', contactId: null, reference: null }, base)).toThrow(/needs a reference/);
    expect(() => recordConsent({ decision: 'granted', form: 'written', givenOn: '2026-03-03', contactId: null, reference: null }, base)).toThrow(/after today/);
    expect(() => recordConsent({ decision: 'granted', form: 'written', givenOn: '2026-03-02', contactId: 'k9', reference: null }, base)).toThrow(/not a contact/);
  });
});
