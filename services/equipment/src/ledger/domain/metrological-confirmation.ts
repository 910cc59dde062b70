import { decide } from '@calchain/metrology';

/** One calibration point as the certificate reports it: the error found and its expanded uncertainty. */
export interface CalibrationPoint {
  point: string;
  nominal: string | null;
  error: string;
  expandedUncertainty: string;
  coverageFactor: string;
  unit: string;
  /** A point-specific maximum permissible error, where the requirement differs along the range. */
  mpe: string | null;
}

export interface ConfirmationRequirement {
  /** Maximum permissible error the lab requires of this equipment (symmetric, ±mpe). */
  mpe: string;
  unit: string | null;
  rule: 'simple' | 'guarded';
}

export interface ConfirmedPoint {
  point: string;
  error: string;
  expandedUncertainty: string;
  mpe: string;
  acceptance: string;
  decision: string;
  probabilityOfConformance: string;
}

export interface ConfirmationOutcome {
  outcome: 'confirmed' | 'not-confirmed';
  points: ConfirmedPoint[];
}

/**
 * R-5.5.4 metrological confirmation: after calibration, does the equipment still meet the MPE the
 * lab requires of it? Each point's error is judged against ±MPE by `libs/metrology`'s decision
 * rule — by default guarded acceptance (ILAC-G8 §4.2.2, guard band w = U), so an error is accepted
 * only when |error| ≤ MPE − U; a value exactly on the acceptance limit passes. Every point must pass.
 */
export function confirmMetrologically(points: CalibrationPoint[], requirement: ConfirmationRequirement): ConfirmationOutcome {
  if (points.length === 0) throw new Error('confirmation needs at least one calibration point');
  const judged = points.map((p) => {
    const mpe = p.mpe ?? requirement.mpe;
    const acceptance = `0±${mpe}`;
    const result = decide({ value: p.error, U: p.expandedUncertainty, k: p.coverageFactor, limit: acceptance, rule: requirement.rule });
    return {
      point: p.point,
      error: p.error,
      expandedUncertainty: p.expandedUncertainty,
      mpe,
      acceptance,
      decision: result.decision,
      probabilityOfConformance: result.pConform,
    };
  });
  return { outcome: judged.every((p) => p.decision === 'pass') ? 'confirmed' : 'not-confirmed', points: judged };
}
