import { randomUUID } from 'node:crypto';
import { RuleCheck, violation } from '../../shared/domain/rule-violation';
import { ContractStatus } from './contract';

export type DeviationStatus = 'awaiting-consent' | 'consented' | 'refused';

/**
 * a deviation from the customer's requirements (another method, another place, a later
 * date, a different range…). It blocks the listed items until the customer's consent is recorded;
 * a refusal keeps them blocked until the contract is changed.
 */
export interface Deviation {
  id: string;
  contractId: string;
  contractVersion: number;
  itemIds: string[];
  requirement: string;
  deviation: string;
  status: DeviationStatus;
  consentId: string | null;
  raisedBy: string;
  raisedAt: Date;
  resolvedAt: Date | null;
}

export function raiseDeviation(
  input: { itemIds: string[]; requirement: string; deviation: string },
  context: { contractId: string; contractStatus: ContractStatus; contractVersion: number; currentItemIds: string[]; raisedBy: string; now: Date },
): Deviation {
  const check = new RuleCheck().require(context.contractStatus !== 'cancelled', 'R-6.1.3', 'contract', 'not-cancelled', 'the contract is cancelled');
  input.itemIds.forEach((id, i) =>
    check.require(context.currentItemIds.includes(id), 'R-6.1.3', `itemIds.${i}`, 'item-of-contract', `item ${id} is not an item of the current contract version`),
  );
  check.throwIfBroken();
  return {
    id: randomUUID(),
    contractId: context.contractId,
    contractVersion: context.contractVersion,
    itemIds: [...new Set(input.itemIds)],
    requirement: input.requirement,
    deviation: input.deviation,
    status: 'awaiting-consent',
    consentId: null,
    raisedBy: context.raisedBy,
    raisedAt: context.now,
    resolvedAt: null,
  };
}

export function resolveDeviation(deviation: Deviation, decision: 'granted' | 'refused', consentId: string, now: Date): Deviation {
  if (deviation.status !== 'awaiting-consent') violation('R-6.1.3', 'deviation', 'awaiting-consent', `the deviation is already ${deviation.status}`);
  return { ...deviation, status: decision === 'granted' ? 'consented' : 'refused', consentId, resolvedAt: now };
}

/** the items work must not continue on: listed in a deviation the customer has not consented to. */
export function blockedItems(deviations: Deviation[]): Map<string, Deviation> {
  const blocked = new Map<string, Deviation>();
  for (const d of deviations) if (d.status !== 'consented') for (const id of d.itemIds) if (!blocked.has(id)) blocked.set(id, d);
  return blocked;
}

/** Refuses work on items blocked by a deviation, naming each item. */
export function requireNotBlocked(itemIds: string[], deviations: Deviation[], field = 'items'): void {
  const blocked = blockedItems(deviations);
  const check = new RuleCheck();
  itemIds.forEach((id) => {
    const d = blocked.get(id);
    check.require(!d, 'R-6.1.3', `${field}.${id}`, 'deviation-consent', d?.status === 'refused' ? `deviation ${d.id} was refused by the customer; change the contract` : `deviation awaiting customer consent (item ${id})`);
  });
  check.throwIfBroken();
}
