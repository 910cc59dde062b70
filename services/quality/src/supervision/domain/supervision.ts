import { violation } from '../../shared/domain/rule-violation';

/**
 * Supervision: a plan per period and area samples completed jobs (approved records,
 * issued certificates), each sample is checked, and a nonconforming one is a finding with a
 * severity in the improvement register. The "satisfaction" area of the issue is served by the
 * satisfaction surveys, not by sampling jobs.
 */
export const SupervisionAreas = ['methods', 'equipment', 'process', 'data', 'certificates'] as const;
export type SupervisionArea = (typeof SupervisionAreas)[number];
export type PlanStatus = 'planned' | 'sampled' | 'completed';

/** Which completed jobs an area is supervised on: certificates are checked on issued certificates, the rest on approved records. */
export function jobKindFor(area: SupervisionArea): 'record' | 'certificate' {
  return area === 'certificates' ? 'certificate' : 'record';
}

export function checkPeriod(from: string, to: string): void {
  if (from > to) violation('R-8.1', 'periodTo', 'period-order', 'The period ends before it starts.');
}

/** samples are drawn after the period has started, into a plan that is not completed. */
export function canSample(status: PlanStatus, periodFrom: string, today: string): void {
  if (status === 'completed') violation('R-8.1', 'id', 'plan-completed', 'The supervision plan is completed.');
  if (today < periodFrom) violation('R-8.1', 'id', 'period-not-started', 'Jobs are sampled once the supervision period has started.');
}

/** a plan is completed only when it sampled something and every sample was checked. */
export function canComplete(status: PlanStatus, samples: { result: string }[]): void {
  if (status === 'completed') violation('R-8.1', 'id', 'plan-completed', 'The supervision plan is already completed.');
  if (samples.length === 0) violation('R-8.1', 'id', 'nothing-sampled', 'Nothing was sampled for this plan.');
  if (samples.some((s) => s.result === 'pending')) violation('R-8.1', 'id', 'samples-pending', 'Every sampled job must be checked before the plan is completed.');
}

/** a sample's result is recorded once; a nonconforming one needs a severity and what was found. */
export function checkResult(current: string, input: { conforming: boolean; severity: string | null; title: string | null }): void {
  if (current !== 'pending') violation('R-8.1', 'sampleId', 'already-checked', 'This sample has already been checked.');
  if (!input.conforming && (!input.severity || !input.title)) {
    violation('R-8.1', input.severity ? 'title' : 'severity', 'finding-details-required', 'A nonconforming sample needs a severity and a title for its finding.');
  }
}
