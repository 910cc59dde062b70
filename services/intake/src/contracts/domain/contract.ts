import { randomUUID } from 'node:crypto';
import { IsoDate } from '@calchain/platform/calendar';
import { linePrice, sumMoney } from '../../shared/domain/money';
import { RuleCheck, violation } from '../../shared/domain/rule-violation';
import { omit } from '../../shared/domain/objects';

export type ServiceKind = 'calibration' | 'verification';
export type Place = 'lab' | 'on-site';
export type ContractStatus = 'draft' | 'accepted' | 'change-pending' | 'cancelled';

/** The decision rule agreed with the customer for a conformity statement (R-6.4.2.3, ILAC-G8). */
export interface DecisionRuleAgreement {
  rule: 'simple' | 'guarded' | 'non-binary';
  /** Guard band w of guarded acceptance (and optionally of non-binary statements). */
  guardBand: { value: string; unit: string } | null;
}

/**
 * One item of a contract version (R-6.1.1: content, basis, place, time). `itemId` is stable
 * across versions: a change that keeps the item keeps its id.
 */
export type RequestedReport = 'certificate' | 'test-report';

export interface ContractItem {
  itemId: string;
  position: number;
  instrumentType: string;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  accuracyClass: string | null;
  /** The measuring range to be calibrated or verified. */
  range: { lower: string; upper: string; unit: string };
  /** The largest expanded uncertainty the customer accepts, when stated. */
  requiredUncertainty: { value: string; unit: string } | null;
  serviceKind: ServiceKind;
  methodCode: string;
  methodVersion: string;
  /** The institution's code of the verification/calibration item (staff are authorised per item code). */
  itemCode: string;
  /** The lab section / discipline that does the work, e.g. "length". */
  discipline: string;
  place: Place;
  requestedCompletionDate: IsoDate | null;
  feeCode: string;
  quantity: number;
  unitPrice: string;
  price: string;
  conformityStatement: boolean;
  decisionRule: DecisionRuleAgreement | null;
  /** what the customer asked to receive: a certificate (verification or calibration) or a test report. */
  report: RequestedReport;
  /** The customer's written requirements for this item. */
  requirements: string | null;
}

export type ContractItemInput = Omit<ContractItem, 'itemId' | 'position' | 'unitPrice' | 'price' | 'itemCode'> & {
  itemId?: string | null;
  itemCode?: string | null;
};

/** An oral requirement, written down when it was heard. */
export interface OralRequirement {
  summary: string;
  receivedOn: IsoDate;
  recordedBy: string;
}

export interface ContractVersion {
  id: string;
  contractId: string;
  version: number;
  writtenRequirements: string | null;
  oralRequirements: OralRequirement[];
  changeReason: string | null;
  createdAt: Date;
  createdBy: string;
  items: ContractItem[];
  total: string;
}

export interface Contract {
  id: string;
  tenantId: string;
  number: string;
  customerId: string;
  contactId: string | null;
  status: ContractStatus;
  currentVersion: number;
  acceptedVersion: number | null;
  createdAt: Date;
  createdBy: string;
}

export interface FeeLookup {
  (feeCode: string): { unitPrice: string } | null;
}

export function formatContractNumber(year: number, sequence: number): string {
  return `CT-${year}-${String(sequence).padStart(6, '0')}`;
}

export interface VersionInput {
  writtenRequirements: string | null;
  oralRequirements: { summary: string; receivedOn: IsoDate }[];
  items: ContractItemInput[];
}

/**
 * builds the items of a version: every item priced from the fee schedule, its
 * requested date not in the past, its oral requirements dated no later than today. Items that
 * name an `itemId` must be items of the previous version (a change keeps their identity).
 */
export function buildVersion(
  input: VersionInput,
  context: {
    contractId: string;
    version: number;
    today: IsoDate;
    recordedBy: string;
    now: Date;
    changeReason: string | null;
    fees: FeeLookup;
    /** The previous version's items and oral requirements (none for version 1). */
    previous: ContractVersion | null;
  },
): ContractVersion {
  const check = new RuleCheck();
  const seen = new Set<string>();
  input.items.forEach((item, i) => {
    check.require(context.fees(item.feeCode) !== null, 'R-4.4', `items.${i}.feeCode`, 'in-fee-schedule', `fee code ${item.feeCode} is not in the published fee schedule`);
    check.require(
      item.requestedCompletionDate === null || item.requestedCompletionDate >= context.today,
      'R-6.1.1', `items.${i}.requestedCompletionDate`, 'not-in-past', `requested completion date ${item.requestedCompletionDate} is in the past`,
    );
    if (item.itemId) {
      check.require((context.previous?.items ?? []).some((p) => p.itemId === item.itemId), 'R-6.1.3', `items.${i}.itemId`, 'item-of-contract', `item ${item.itemId} is not an item of the previous version`);
      check.require(!seen.has(item.itemId), 'R-6.1.3', `items.${i}.itemId`, 'unique-item', `item ${item.itemId} is listed twice`);
      seen.add(item.itemId);
    }
  });
  input.oralRequirements.forEach((o, i) =>
    check.require(o.receivedOn <= context.today, 'R-6.1.1', `oralRequirements.${i}.receivedOn`, 'not-in-future', `an oral requirement cannot be received after today (${context.today})`),
  );
  check.throwIfBroken();
  const items = input.items.map((item, index): ContractItem => {
    const unitPrice = context.fees(item.feeCode)!.unitPrice;
    return {
      ...item,
      itemId: item.itemId ?? randomUUID(),
      position: index + 1,
      itemCode: item.itemCode ?? item.methodCode,
      unitPrice,
      price: linePrice(unitPrice, item.quantity),
    };
  });
  return {
    id: randomUUID(),
    contractId: context.contractId,
    version: context.version,
    writtenRequirements: input.writtenRequirements,
    // Oral requirements are facts of the conversation: a new version keeps the earlier ones.
    oralRequirements: [...(context.previous?.oralRequirements ?? []), ...input.oralRequirements.map((o) => ({ ...o, recordedBy: context.recordedBy }))],
    changeReason: context.changeReason,
    createdAt: context.now,
    createdBy: context.recordedBy,
    items,
    total: sumMoney(items.map((i) => i.price)),
  };
}

const comparable = (item: ContractItem) => {
  const rest = omit(item, 'position');
  return JSON.stringify(rest, Object.keys(rest).sort());
};

export interface VersionDiff {
  addedItemIds: string[];
  changedItemIds: string[];
  removedItemIds: string[];
}

/** what a change did to the items, by their stable ids. */
export function diffVersions(previous: ContractItem[], next: ContractItem[]): VersionDiff {
  const before = new Map(previous.map((i) => [i.itemId, i]));
  const after = new Map(next.map((i) => [i.itemId, i]));
  return {
    addedItemIds: next.filter((i) => !before.has(i.itemId)).map((i) => i.itemId),
    changedItemIds: next.filter((i) => before.has(i.itemId) && comparable(before.get(i.itemId)!) !== comparable(i)).map((i) => i.itemId),
    removedItemIds: previous.filter((i) => !after.has(i.itemId)).map((i) => i.itemId),
  };
}

/**
 * a change makes a new version; an accepted contract goes back to "change pending": no
 * work is dispatched on it until the new version is reviewed and accepted.
 */
export function statusAfterChange(status: ContractStatus): ContractStatus {
  if (status === 'cancelled') violation('R-6.1.3', 'status', 'not-cancelled', 'a cancelled contract cannot be changed');
  return status === 'draft' ? 'draft' : 'change-pending';
}

/** a change must change something; re-checking an unchanged version is a new review, not a version. */
export function checkSomethingChanged(diff: VersionDiff, previous: ContractVersion, next: VersionInput): void {
  const itemsChanged = diff.addedItemIds.length + diff.changedItemIds.length + diff.removedItemIds.length > 0;
  if (!itemsChanged && previous.writtenRequirements === next.writtenRequirements && next.oralRequirements.length === 0) {
    violation('R-6.1.3', 'items', 'something-changed', 'the change leaves the contract as it is; request a new review instead');
  }
}
