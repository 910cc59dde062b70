import { violation } from '../../shared/domain/rule-violation';

/**
 * Customer satisfaction: one survey per completed (returned) item, one response per
 * survey with scores 1..5, the feedback classified; low scores and criticism enter the
 * improvement register as findings; indices are averages of the overall score.
 */
export const FeedbackClasses = ['praise', 'suggestion', 'criticism', 'neutral'] as const;
export type FeedbackClass = (typeof FeedbackClasses)[number];

/** An overall score at or below this is "low" and raises a satisfaction finding. */
export const LOW_SCORE = 2;

export function checkResponse(status: string): void {
  if (status === 'answered') violation('R-9.1', 'id', 'already-answered', 'This survey already has its response.');
}

/** a low overall score or classified criticism feeds the register; anything else does not. */
export function needsFinding(overall: number, classification: FeedbackClass): { severity: 'minor' | 'observation' } | null {
  if (overall <= LOW_SCORE) return { severity: 'minor' };
  if (classification === 'criticism') return { severity: 'observation' };
  return null;
}
