import { randomUUID } from 'node:crypto';
import { RuleCheck, violation } from '../../shared/domain/rule-violation';

export type IntakeChannel = 'delivered' | 'mailed' | 'picked-up';

/** An accessory counted at intake and at return. */
export interface ChecklistEntry {
  name: string;
  quantity: number;
}

/** A file kept elsewhere (document store), identified by its content hash. */
export interface AttachmentRef {
  kind: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageRef: string;
}

/**
 * the item reached the lab: by delivery, mail or pick-up; its condition on
 * arrival; the accessories and documents that came with it; photos; a label unique in the
 * institution. Immutable once recorded.
 */
export interface ItemIntake {
  id: string;
  itemId: string;
  contractId: string;
  label: string;
  channel: IntakeChannel;
  condition: string;
  conditionAcceptable: boolean;
  accessories: ChecklistEntry[];
  documents: string[];
  photos: AttachmentRef[];
  receivedBy: string;
  receivedAt: Date;
}

/** the signed hand-over back to the customer, checked against the intake checklist. */
export interface ItemReturn {
  id: string;
  itemId: string;
  intakeId: string;
  contractId: string;
  accessories: ChecklistEntry[];
  documents: string[];
  /** The item as it left the lab; stored as attachments of the return. */
  photos: AttachmentRef[];
  handedOverTo: string | null;
  receiverDescription: string | null;
  signatureRef: string;
  returnedBy: string;
  returnedAt: Date;
}

export function formatItemLabel(year: number, sequence: number): string {
  return `IL-${year}-${String(sequence).padStart(6, '0')}`;
}

const norm = (s: string) => s.trim().toLowerCase();

function uniqueNames(check: RuleCheck, names: string[], field: string, requirement: string): void {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    check.require(!seen.has(norm(name)), requirement, `${field}.${i}`, 'unique', `"${name}" is listed twice`);
    seen.add(norm(name));
  });
}

export interface ReceivableItem {
  itemId: string;
  contractId: string;
  place: 'lab' | 'on-site';
  inCurrentVersion: boolean;
  contractStatus: string;
}

/** records the intake of an item of a contract. */
export function receiveItem(
  input: { channel: IntakeChannel; condition: string; conditionAcceptable: boolean; accessories: ChecklistEntry[]; documents: string[]; photos: AttachmentRef[] },
  context: { item: ReceivableItem; alreadyReceived: boolean; label: string; by: string; now: Date },
): ItemIntake {
  const check = new RuleCheck()
    .require(context.item.contractStatus !== 'cancelled', 'R-6.2.2', 'contract', 'not-cancelled', 'the contract is cancelled')
    .require(context.item.inCurrentVersion, 'R-6.2.2', 'itemId', 'item-of-contract', 'the item is not in the current version of its contract')
    .require(context.item.place === 'lab', 'R-6.2.2', 'itemId', 'lab-item', 'the item is to be worked on on site; it is not received in the lab')
    .require(!context.alreadyReceived, 'R-6.2.2', 'itemId', 'once', 'the item was received already');
  uniqueNames(check, input.accessories.map((a) => a.name), 'accessories', 'R-6.2.5');
  uniqueNames(check, input.documents, 'documents', 'R-6.2.5');
  check.throwIfBroken();
  return { id: randomUUID(), itemId: context.item.itemId, contractId: context.item.contractId, label: context.label, ...input, receivedBy: context.by, receivedAt: context.now };
}

/** The differences between what came in and what goes back, one line each (empty when they match). */
export function checklistDifferences(intake: Pick<ItemIntake, 'accessories' | 'documents'>, back: { accessories: ChecklistEntry[]; documents: string[] }) {
  const problems: { field: string; message: string }[] = [];
  const received = new Map(intake.accessories.map((a) => [norm(a.name), a]));
  const returned = new Map(back.accessories.map((a) => [norm(a.name), a]));
  for (const [key, a] of received) {
    const r = returned.get(key);
    if (!r) problems.push({ field: `accessories.${a.name}`, message: `accessory "${a.name}" (${a.quantity}) was received but is not handed back` });
    else if (r.quantity !== a.quantity) problems.push({ field: `accessories.${a.name}`, message: `accessory "${a.name}": ${a.quantity} received, ${r.quantity} handed back` });
  }
  for (const [key, r] of returned) if (!received.has(key)) problems.push({ field: `accessories.${r.name}`, message: `accessory "${r.name}" was not received with the item` });
  const docsIn = new Set(intake.documents.map(norm));
  const docsBack = new Set(back.documents.map(norm));
  for (const d of intake.documents) if (!docsBack.has(norm(d))) problems.push({ field: `documents.${d}`, message: `document "${d}" was received but is not handed back` });
  for (const d of back.documents) if (!docsIn.has(norm(d))) problems.push({ field: `documents.${d}`, message: `document "${d}" was not received with the item` });
  return problems;
}

/**
 * the hand-over is checked against the intake checklist: a mismatch is refused, item by
 * item; an item whose state changed goes back only after the customer was told.
 */
export function returnItem(
  input: { accessories: ChecklistEntry[]; documents: string[]; photos: AttachmentRef[]; handedOverTo: string | null; receiverDescription: string | null; signatureRef: string },
  context: { intake: ItemIntake | null; alreadyReturned: boolean; unnoticedStateChanges: number; contactIds: string[]; by: string; now: Date },
): ItemReturn {
  if (!context.intake) violation('R-6.2.5', 'itemId', 'received', 'the item was never received, so it cannot be returned');
  const check = new RuleCheck()
    .require(!context.alreadyReturned, 'R-6.2.6', 'itemId', 'once', 'the item was returned already')
    .require(input.handedOverTo === null || context.contactIds.includes(input.handedOverTo), 'R-6.2.5', 'handedOverTo', 'contact-of-customer', 'the receiver is not a contact of the customer')
    .require(input.handedOverTo !== null || input.receiverDescription !== null, 'R-6.2.5', 'handedOverTo', 'receiver-named', 'name the receiver: a contact of the customer or a description (e.g. the courier and waybill)')
    .require(
      context.unnoticedStateChanges === 0,
      'R-6.2.3',
      'itemId',
      'state-change-noticed',
      "the item's state changed (adjusted) and the customer has not been told yet",
    );
  for (const p of checklistDifferences(context.intake, input)) check.require(false, 'R-6.2.5', p.field, 'matches-intake', p.message);
  check.throwIfBroken();
  return { id: randomUUID(), itemId: context.intake.itemId, intakeId: context.intake.id, contractId: context.intake.contractId, ...input, returnedBy: context.by, returnedAt: context.now };
}

/** adjusting a customer's item needs the customer's recorded consent, granted and not withdrawn. */
export function requireAdjustmentConsent(decisions: { decision: 'granted' | 'refused' }[]): void {
  const latest = decisions[decisions.length - 1];
  if (!latest) violation('R-6.2.3', 'itemId', 'adjustment-consent', "adjusting the customer's item needs the customer's recorded consent");
  if (latest.decision !== 'granted') violation('R-6.2.3', 'itemId', 'adjustment-consent', 'the customer refused adjustment of the item');
}
