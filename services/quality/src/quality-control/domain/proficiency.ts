import { enNumber, ScoreClass, zetaScore, zScore } from '@calchain/metrology';
import { violation } from '../../shared/domain/rule-violation';

/** R-5.5.2 (and ): the comparisons an institution takes part in. */
export const Schemes = ['proficiency-test', 'interlaboratory-comparison', 'internal-comparison'] as const;
export type Scheme = (typeof Schemes)[number];
/** Performance statistics of ISO 13528 §9, computed by @calchain/metrology. */
export const Scorings = ['En', 'z', 'zeta'] as const;
export type Scoring = (typeof Scorings)[number];

/** One reported result against the assigned value; every number a decimal string. */
export interface ResultInput {
  labValue: string;
  /** En: the lab's expanded uncertainty U; ζ: its standard uncertainty u. */
  labUncertainty: string | null;
  assignedValue: string;
  /** En: U_ref (expanded); ζ and z′: u(x_pt) (standard). */
  assignedUncertainty: string | null;
  /** z: the standard deviation for proficiency assessment σ_pt. */
  sigmaPt: string | null;
}

export interface Evaluation {
  score: string;
  classification: ScoreClass;
}

function required(value: string | null, field: keyof ResultInput, scoring: Scoring): string {
  if (value === null) violation('R-5.5.2', field, `required-for-${scoring}`, `${field} is needed for a ${scoring} score.`);
  return value;
}

/**
 * scores a result. En: satisfactory when |En| ≤ 1, else unsatisfactory (it has no
 * "questionable" band). z, ζ: |s| ≤ 2 satisfactory, 2 < |s| < 3 questionable, ≥ 3 unsatisfactory.
 */
export function evaluateResult(scoring: Scoring, input: ResultInput): Evaluation {
  switch (scoring) {
    case 'En': {
      const en = enNumber(input.labValue, required(input.labUncertainty, 'labUncertainty', scoring), input.assignedValue, required(input.assignedUncertainty, 'assignedUncertainty', scoring));
      return { score: en.en, classification: en.satisfactory ? 'satisfactory' : 'unsatisfactory' };
    }
    case 'z': {
      const z = zScore(input.labValue, input.assignedValue, required(input.sigmaPt, 'sigmaPt', scoring), input.assignedUncertainty ?? undefined);
      return { score: z.z, classification: z.class };
    }
    case 'zeta': {
      const zeta = zetaScore(input.labValue, required(input.labUncertainty, 'labUncertainty', scoring), input.assignedValue, required(input.assignedUncertainty, 'assignedUncertainty', scoring));
      return { score: zeta.zeta, classification: zeta.class };
    }
  }
}

/**
 * What a result sets in motion: an unsatisfactory result is a nonconformity needing corrective
 * action; a questionable one is a warning signal for the improvement register
 * a satisfactory one is evidence of validity.
 */
export function consequenceOf(classification: ScoreClass): 'corrective-action' | 'warning' | 'none' {
  return classification === 'unsatisfactory' ? 'corrective-action' : classification === 'questionable' ? 'warning' : 'none';
}
