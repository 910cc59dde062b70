import { violation } from '../../shared/domain/rule-violation';

/**
 * Internal audits: planned within a yearly programme with a scope (requirement ids, areas) and a
 * lead auditor, started, findings recorded while in progress and within the scope, completed
 * with a conclusion. Findings enter the improvement register with source "internal-audit".
 */
export type AuditStatus = 'planned' | 'in-progress' | 'completed';

export function checkPlan(input: { programmeYear: number; plannedOn: string; scope: string[] }): void {
  if (Number(input.plannedOn.slice(0, 4)) !== input.programmeYear) {
    violation('R-9.2', 'plannedOn', 'outside-programme-year', 'The audit must be planned within its programme year.');
  }
  if (input.scope.length === 0) violation('R-9.2', 'scope', 'scope-required', 'An audit needs a scope.');
}

export function start(status: AuditStatus): AuditStatus {
  if (status !== 'planned') violation('R-9.2', 'id', 'not-planned', 'Only a planned audit can be started.');
  return 'in-progress';
}

/** Findings are recorded while the audit is in progress, and only for requirements in its scope. */
export function checkFinding(status: AuditStatus, scope: string[], requirement: string | null): void {
  if (status !== 'in-progress') violation('R-9.2', 'id', 'not-in-progress', 'Findings are recorded while the audit is in progress.');
  if (requirement !== null && !scope.some((s) => requirement === s || requirement.startsWith(`${s}.`))) {
    violation('R-9.2', 'requirement', 'outside-scope', `Requirement ${requirement} is outside the audit's scope.`);
  }
}

export function complete(status: AuditStatus): AuditStatus {
  if (status !== 'in-progress') violation('R-9.2', 'id', 'not-in-progress', 'Only an audit in progress can be completed.');
  return 'completed';
}
