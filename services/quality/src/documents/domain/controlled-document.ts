import { violation } from '../../shared/domain/rule-violation';

/**
 * document control: every revision of a controlled document is drafted,
 * approved by someone other than its author, then issued; issuing makes it the one effective
 * revision and the previous one obsolete (kept, never deleted). A withdrawn document has none.
 */
export type RevisionStatus = 'draft' | 'approved' | 'effective' | 'obsolete';

export interface Revision {
  revision: number;
  status: RevisionStatus;
  draftedBy: string;
}

/** One revision in preparation at a time: two competing drafts would fork the document. */
export function nextRevision(revisions: Revision[]): number {
  if (revisions.some((r) => r.status === 'draft' || r.status === 'approved')) {
    violation('R-4.2', 'revision', 'one-open-revision', 'A revision is already in preparation: issue or discard it first.');
  }
  return Math.max(0, ...revisions.map((r) => r.revision)) + 1;
}

export function approve(revision: Revision, approver: string): RevisionStatus {
  if (revision.status !== 'draft') violation('R-4.2', 'status', 'state', `A ${revision.status} revision cannot be approved.`);
  if (revision.draftedBy === approver) violation('R-4.2', 'approvedBy', 'independent-approval', 'A revision is approved by someone other than its author.');
  return 'approved';
}

/** Issues an approved revision; returns the revision numbers that become obsolete with it. */
export function issue(revision: Revision, all: Revision[]): number[] {
  if (revision.status !== 'approved') violation('R-4.2', 'status', 'approval-required', 'Only an approved revision can be issued.');
  return all.filter((r) => r.status === 'effective').map((r) => r.revision);
}
