import { IsoDate } from '@calchain/platform/calendar';

/** A calibration as far as traceability cares: who calibrated the equipment, against what, valid until when. */
export interface CalibrationLinkFact {
  calibrationId: string;
  certificateNumber: string;
  issuer: string;
  calibratedOn: IsoDate;
  /** The due date of this calibration (interval or certificate validity, whichever is earlier). */
  validUntil: IsoDate | null;
  reference:
    | { kind: 'own-equipment'; equipmentId: string }
    | {
        kind: 'external';
        name: string | null;
        certificateNumber: string | null;
        validUntil: IsoDate | null;
        traceableTo: 'national-primary-standard' | 'alternative-reference' | null;
        nationalStandard: string | null;
        comparisonEvidence: string | null;
      };
}

export interface TraceabilitySource {
  equipment(id: string): { id: string; assetNumber: string; name: string } | undefined;
  /** The calibration of the equipment in force on a day: the latest one performed on or before it. */
  calibrationInForce(equipmentId: string, on: IsoDate): CalibrationLinkFact | undefined;
}

export type BreakReason =
  | 'no-calibration'
  | 'calibration-expired'
  | 'reference-certificate-expired'
  | 'not-traced-to-national-standard'
  | 'comparison-evidence-missing'
  | 'circular-reference';

export interface ChainLink {
  equipmentId: string;
  assetNumber: string;
  name: string;
  /** The day this link had to be valid: today for the equipment itself, the day it was used to calibrate the link below for the rest. */
  requiredOn: IsoDate;
  calibration: Omit<CalibrationLinkFact, 'reference'> | null;
  broken: BreakReason | null;
}

export interface ChainEnd {
  kind: 'national-primary-standard' | 'alternative-reference';
  reference: string | null;
  calibratingStandard: string | null;
  certificateNumber: string | null;
  comparisonEvidence: string | null;
  broken: BreakReason | null;
}

export interface TraceabilityChain {
  equipmentId: string;
  intact: boolean;
  links: ChainLink[];
  /** Where the chain leaves the lab: the external standard and what it traces to; null when it breaks inside. */
  end: ChainEnd | null;
  breaks: { equipmentId: string | null; reason: BreakReason }[];
}

/**
 * traceability chain: from the equipment's calibration in force today, up
 * through the lab's own standards (each of which had to be validly calibrated on the day it was
 * used), to an external calibration traced to a national primary standard — or, where that is
 * impossible, to an alternative reference backed by comparison evidence. Any missing or expired
 * link breaks the chain.
 */
export function traceChain(equipmentId: string, today: IsoDate, source: TraceabilitySource): TraceabilityChain {
  const links: ChainLink[] = [];
  const breaks: TraceabilityChain['breaks'] = [];
  const seen = new Set<string>();
  let end: ChainEnd | null = null;
  let currentId = equipmentId;
  let requiredOn = today;

  for (;;) {
    const equipment = source.equipment(currentId);
    if (seen.has(currentId) || !equipment) {
      breaks.push({ equipmentId: currentId, reason: seen.has(currentId) ? 'circular-reference' : 'no-calibration' });
      break;
    }
    seen.add(currentId);
    const calibration = source.calibrationInForce(currentId, requiredOn);
    const link: ChainLink = { equipmentId: currentId, assetNumber: equipment.assetNumber, name: equipment.name, requiredOn, calibration: null, broken: null };
    links.push(link);
    if (!calibration) {
      link.broken = 'no-calibration';
      breaks.push({ equipmentId: currentId, reason: 'no-calibration' });
      break;
    }
    const { reference, ...certificate } = calibration;
    link.calibration = certificate;
    if (certificate.validUntil !== null && certificate.validUntil < requiredOn) {
      link.broken = 'calibration-expired';
      breaks.push({ equipmentId: currentId, reason: 'calibration-expired' });
    }
    if (reference.kind === 'own-equipment') {
      currentId = reference.equipmentId;
      requiredOn = certificate.calibratedOn;
      continue;
    }
    let broken: BreakReason | null = null;
    if (reference.validUntil !== null && reference.validUntil < certificate.calibratedOn) broken = 'reference-certificate-expired';
    else if (reference.traceableTo === null) broken = 'not-traced-to-national-standard';
    else if (reference.traceableTo === 'alternative-reference' && !reference.comparisonEvidence) broken = 'comparison-evidence-missing';
    end = {
      kind: reference.traceableTo ?? 'national-primary-standard',
      reference: reference.nationalStandard,
      calibratingStandard: reference.name,
      certificateNumber: reference.certificateNumber,
      comparisonEvidence: reference.comparisonEvidence,
      broken,
    };
    if (broken) breaks.push({ equipmentId: null, reason: broken });
    break;
  }
  return { equipmentId, intact: breaks.length === 0, links, end, breaks };
}
