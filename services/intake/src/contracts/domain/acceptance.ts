import { RuleCheck } from '../../shared/domain/rule-violation';
import { Contract, ContractItem } from './contract';
import { ContractReview } from './contract-review';
import { blockedItems, Deviation } from './deviation';
import { Subcontracting } from './subcontracting';

export type Disposition = 'in-house' | 'subcontracted';

/**
 * R-6.1.2, R-6.1.3 whether a contract version may be accepted, and how each item is then handled:
 * - the current version has a review (a change needs a new review);
 * - every item passed it, or is subcontracted with the customer's recorded consent;
 * - no proposed subcontracting still waits for consent;
 * - no item is blocked by a deviation the customer has not consented to.
 */
export function checkAcceptance(
  contract: Contract,
  items: ContractItem[],
  review: ContractReview | null,
  subcontracting: Subcontracting[],
  deviations: Deviation[],
): Map<string, Disposition> {
  const check = new RuleCheck()
    .require(contract.status === 'draft' || contract.status === 'change-pending', 'R-6.1.2', 'status', 'acceptable-status', `a contract in status ${contract.status} cannot be accepted`)
    .require(
      review !== null && review.contractVersion === contract.currentVersion,
      contract.currentVersion > 1 ? 'R-6.1.3' : 'R-6.1.2',
      'review',
      'reviewed',
      `version ${contract.currentVersion} has not been reviewed${contract.currentVersion > 1 ? ': a change needs a new review' : ''}`,
    );
  check.throwIfBroken();
  const failedChecks = (itemId: string) => review!.checks.filter((c) => c.itemId === itemId && c.outcome === 'fail');
  const blocked = blockedItems(deviations);
  const dispositions = new Map<string, Disposition>();
  items.forEach((item, i) => {
    const sub = subcontracting.find((s) => s.itemId === item.itemId && s.status !== 'withdrawn' && s.status !== 'refused');
    check.require(sub?.status !== 'awaiting-consent', 'R-6.1.2', `items.${i}`, 'subcontracting-consent', `subcontracting of item ${item.position} awaits the customer's consent`);
    const failed = failedChecks(item.itemId);
    check.require(
      failed.length === 0 || sub?.status === 'consented',
      failed[0]?.requirement ?? 'R-6.1.2',
      `items.${i}`,
      'review-passed',
      `item ${item.position} failed the contract review (${failed.map((c) => `${c.check}: ${c.finding}`).join('; ')}) and is not subcontracted with the customer's consent`,
    );
    const deviation = blocked.get(item.itemId);
    check.require(
      !deviation,
      'R-6.1.3',
      `items.${i}`,
      'deviation-consent',
      deviation?.status === 'refused' ? `deviation ${deviation.id} on item ${item.position} was refused by the customer` : `deviation awaiting customer consent (item ${item.position})`,
    );
    dispositions.set(item.itemId, sub?.status === 'consented' ? 'subcontracted' : 'in-house');
  });
  check.throwIfBroken();
  return dispositions;
}
