import { violation } from '../../shared/domain/rule-violation';

/**
 * A corrective or risk-control action (R-9.1: "correct real problems, feed back, take corrective
 * or risk-control action"). Its life: open → planned (root cause found, actions decided) →
 * implemented (every action done) → closed, but only when someone independent of the actions has
 * verified they were effective; an ineffective verdict sends it back to open for a new analysis.
 */
export type CorrectiveActionStatus = 'open' | 'planned' | 'implemented' | 'closed';

export interface Task {
  owner: string;
  doneOn: string | null;
}

export interface CorrectiveActionState {
  status: CorrectiveActionStatus;
  rootCause: string | null;
  tasks: Task[];
}

export interface Plan {
  rootCause: string;
  tasks: { description: string; owner: string }[];
}

/** analyse the cause before acting; an action plan has at least one action. */
export function planActions(ca: CorrectiveActionState, plan: Plan): CorrectiveActionStatus {
  if (ca.status !== 'open' && ca.status !== 'planned') {
    violation('R-9.1', 'status', 'state', `A ${ca.status} corrective action cannot be re-planned.`);
  }
  if (plan.rootCause.trim().length < 10) {
    violation('R-9.1', 'rootCause', 'root-cause-required', 'Describe the root cause (at least 10 characters) before deciding actions.');
  }
  if (plan.tasks.length === 0) violation('R-9.1', 'tasks', 'actions-required', 'A plan has at least one action.');
  return 'planned';
}

/** Marks one action done; when every action is done the corrective action is implemented. */
export function completeTask(ca: CorrectiveActionState, taskIndex: number): CorrectiveActionStatus {
  if (ca.status !== 'planned') violation('R-9.1', 'status', 'state', `Actions of a ${ca.status} corrective action cannot be completed.`);
  const task = ca.tasks[taskIndex];
  if (!task) violation('R-9.1', 'taskId', 'unknown-task', 'No such action in this plan.');
  if (task.doneOn !== null) violation('R-9.1', 'taskId', 'already-done', 'This action is already done.');
  const remaining = ca.tasks.filter((t, i) => i !== taskIndex && t.doneOn === null).length;
  return remaining === 0 ? 'implemented' : 'planned';
}

/**
 * verification of effectiveness: only after implementation, and not by anyone who carried
 * out an action (nobody verifies their own work).
 */
export function verifyEffectiveness(ca: CorrectiveActionState, verifier: string, effective: boolean): CorrectiveActionStatus {
  if (ca.status !== 'implemented') {
    violation('R-9.1', 'status', 'not-implemented', 'Effectiveness can be verified only once every action is done.');
  }
  if (ca.tasks.some((t) => t.owner === verifier)) {
    violation('R-9.1', 'verifiedBy', 'independent-verification', 'The verifier must not be the owner of any of the actions.');
  }
  return effective ? 'closed' : 'open';
}
