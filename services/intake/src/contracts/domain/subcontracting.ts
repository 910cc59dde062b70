import { randomUUID } from 'node:crypto';
import { violation } from '../../shared/domain/rule-violation';
import { ContractStatus } from './contract';

export type SubcontractingStatus = 'awaiting-consent' | 'consented' | 'refused' | 'withdrawn';

/** an item given to another institution; only with the customer's recorded consent. */
export interface Subcontracting {
  id: string;
  contractId: string;
  itemId: string;
  subcontractor: string;
  reason: string;
  status: SubcontractingStatus;
  consentId: string | null;
  proposedBy: string;
  proposedAt: Date;
}

export function proposeSubcontracting(
  input: { itemId: string; subcontractor: string; reason: string },
  context: { contractId: string; contractStatus: ContractStatus; currentItemIds: string[]; existing: Subcontracting[]; proposedBy: string; now: Date },
): Subcontracting {
  if (context.contractStatus === 'cancelled') violation('R-6.1.2', 'contract', 'not-cancelled', 'the contract is cancelled');
  if (context.contractStatus === 'accepted') violation('R-6.1.3', 'contract', 'change-first', 'the contract is accepted; change it (new version and review) before subcontracting an item');
  if (!context.currentItemIds.includes(input.itemId)) violation('R-6.1.2', 'itemId', 'item-of-contract', `item ${input.itemId} is not an item of the current contract version`);
  if (context.existing.some((s) => s.itemId === input.itemId && (s.status === 'awaiting-consent' || s.status === 'consented'))) {
    violation('R-6.1.2', 'itemId', 'once', `item ${input.itemId} is already proposed for subcontracting`);
  }
  return { id: randomUUID(), contractId: context.contractId, ...input, status: 'awaiting-consent', consentId: null, proposedBy: context.proposedBy, proposedAt: context.now };
}

export function resolveSubcontracting(s: Subcontracting, decision: 'granted' | 'refused', consentId: string): Subcontracting {
  if (s.status !== 'awaiting-consent') violation('R-6.1.2', 'subcontracting', 'awaiting-consent', `the subcontracting is already ${s.status}`);
  return { ...s, status: decision === 'granted' ? 'consented' : 'refused', consentId };
}
