import { randomUUID } from 'node:crypto';
import {
  AuthorisedItemView, AuthorisedRange, authorisationActiveOn, CapabilitySnapshot, EquipmentView, StandardView,
} from '../../capability/domain/capability';
import { IsoDate } from '@calchain/platform/calendar';
import { compareDecimal } from '../../shared/domain/money';
import { ContractItem, ContractVersion } from './contract';

export type CheckName = 'scope' | 'method' | 'standard' | 'staffing' | 'decision-rule' | 'time-limit';
export type CheckOutcome = 'pass' | 'warning' | 'fail';

/** One check of one item, with the evidence it was decided on (R-6.1.4: kept in detail). */
export interface ReviewCheck {
  itemId: string;
  check: CheckName;
  outcome: CheckOutcome;
  requirement: string;
  finding: string;
  /** The customer must be told (a requested method is withdrawn or superseded, R-5.2.3). */
  customerMustBeTold: boolean;
  evidence: Record<string, unknown>;
}

export type ReviewTrigger = 'created' | 'changed' | 'requested';

/** R-6.1.2, R-6.1.4 the stored, immutable record of one review of one contract version. */
export interface ContractReview {
  id: string;
  contractId: string;
  contractVersion: number;
  trigger: ReviewTrigger;
  outcome: 'passed' | 'failed';
  asOf: IsoDate;
  customerMustBeTold: boolean;
  reviewedAt: Date;
  reviewedBy: string;
  checks: ReviewCheck[];
}

export interface ItemTimeLimit {
  workingDays: number;
  promisedDate: IsoDate;
}

export interface ReviewContext {
  asOf: IsoDate;
  /** The published time limit of each item (null when none is published for its service and discipline). */
  timeLimits: Map<string, ItemTimeLimit | null>;
}

const fail = (item: ContractItem, check: CheckName, requirement: string, finding: string, evidence: Record<string, unknown>, customerMustBeTold = false): ReviewCheck => ({
  itemId: item.itemId, check, outcome: 'fail', requirement, finding, customerMustBeTold, evidence,
});
const pass = (item: ContractItem, check: CheckName, requirement: string, finding: string, evidence: Record<string, unknown>): ReviewCheck => ({
  itemId: item.itemId, check, outcome: 'pass', requirement, finding, customerMustBeTold: false, evidence,
});

// ---------------------------------------------------------------- scope (R-4.1.2)

interface Coverage {
  standard: StandardView;
  authorisedItem: AuthorisedItemView;
  range: AuthorisedRange | null;
  /** Range and capability problems: the authorised item does not cover the contract item. */
  coverageProblems: string[];
  /** Validity problems: it would cover it, but the authorisation is not valid on the day. */
  validityProblems: string[];
  problems: string[];
}

const rangeText = (r: { lower: string; upper: string; unit: string }) => `${r.lower}–${r.upper} ${r.unit}`;

/** How one authorised item of one standard covers a contract item: the problems, none when it does. */
function coverage(item: ContractItem, standard: StandardView, authorisedItem: AuthorisedItemView, asOf: IsoDate): Coverage {
  const validityProblems: string[] = [];
  if (standard.validUntil === null) validityProblems.push(`standard ${standard.code} lacks a valid certificate`);
  else if (standard.validUntil < asOf) validityProblems.push(`authorisation of standard ${standard.code} expired on ${standard.validUntil}`);
  const problems: string[] = [];
  const sameUnit = authorisedItem.ranges.filter((r) => r.unit === item.range.unit);
  const inRange = sameUnit.filter((r) => compareDecimal(r.lower, item.range.lower) <= 0 && compareDecimal(item.range.upper, r.upper) <= 0);
  let range: AuthorisedRange | null = null;
  if (sameUnit.length === 0) {
    problems.push(`no authorised range in ${item.range.unit} (authorised: ${authorisedItem.ranges.map(rangeText).join(', ')})`);
  } else if (inRange.length === 0) {
    problems.push(`range ${rangeText(item.range)} is outside the authorised range ${sameUnit.map(rangeText).join(', ')}`);
  } else if (item.requiredUncertainty) {
    const required = item.requiredUncertainty;
    const capable = inRange.filter(
      (r) => r.bestMeasurementCapability.unit === required.unit && compareDecimal(r.bestMeasurementCapability.expandedUncertainty, required.value) <= 0,
    );
    if (capable.length === 0) {
      const best = inRange.map((r) => `${r.bestMeasurementCapability.expandedUncertainty} ${r.bestMeasurementCapability.unit}`).join(', ');
      problems.push(`best measurement capability ${best} does not reach the required ${required.value} ${required.unit}`);
      range = inRange[0];
    } else range = capable[0];
  } else range = inRange[0];
  return { standard, authorisedItem, range, coverageProblems: problems, validityProblems, problems: [...problems, ...validityProblems] };
}

/** Every authorised item that is for this service kind and method, with how it covers the item. */
function coverages(item: ContractItem, snapshot: CapabilitySnapshot, asOf: IsoDate): Coverage[] {
  return snapshot.standards.flatMap((standard) =>
    standard.items
      .filter((a) => a.serviceKinds.includes(item.serviceKind) && a.methodCodes.includes(item.methodCode))
      .map((a) => coverage(item, standard, a, asOf)),
  );
}

const coverageEvidence = (c: Coverage) => ({
  standardId: c.standard.standardId,
  standardCode: c.standard.code,
  authorisedItem: c.authorisedItem.name,
  authorisedRange: c.range ? rangeText(c.range) : null,
  bestMeasurementCapability: c.range?.bestMeasurementCapability ?? null,
  validUntil: c.standard.validUntil,
  problems: c.problems,
});

/**
 * R-4.1.2 work stays within the institution's valid authorised scope: an authorised item of a
 * measurement standard for this service kind and method whose range contains the requested
 * range (same unit), whose best measurement capability reaches any stated uncertainty
 * requirement, and whose authorisation is valid on the review day.
 */
export function checkScope(item: ContractItem, snapshot: CapabilitySnapshot, asOf: IsoDate): ReviewCheck {
  const found = coverages(item, snapshot, asOf);
  const evidence = { method: item.methodCode, serviceKind: item.serviceKind, range: item.range, requiredUncertainty: item.requiredUncertainty };
  if (found.length === 0) {
    return fail(item, 'scope', 'R-4.1.2', `out of scope: no authorised item for ${item.serviceKind} by ${item.methodCode}`, { ...evidence, candidates: [] });
  }
  const covering = found.find((c) => c.problems.length === 0);
  if (covering) {
    return pass(item, 'scope', 'R-4.1.2', `within the authorised scope of standard ${covering.standard.code} (${covering.authorisedItem.name}), valid until ${covering.standard.validUntil}`, {
      ...evidence,
      covering: coverageEvidence(covering),
    });
  }
  const closest = [...found].sort((a, b) => a.problems.length - b.problems.length)[0];
  return fail(item, 'scope', 'R-4.1.2', `out of scope: ${closest.problems.join('; ')}`, { ...evidence, candidates: found.map(coverageEvidence) });
}

// ---------------------------------------------------------------- method (R-5.2.1–R-5.2.4)

/**
 * R-5.2.3 the requested method must be current: in the library, in force, not withdrawn, not
 * superseded, verified for use (R-5.2.4). A withdrawn or superseded method fails the review and
 * the customer must be told.
 */
export function checkMethod(item: ContractItem, snapshot: CapabilitySnapshot, asOf: IsoDate): ReviewCheck {
  const requested = `${item.methodCode} (version ${item.methodVersion})`;
  const method = snapshot.methods.find((m) => m.code === item.methodCode && m.version === item.methodVersion);
  const others = snapshot.methods.filter((m) => m.code === item.methodCode && m !== method).map((m) => ({ version: m.version, status: m.status, usable: m.usable }));
  if (!method) return fail(item, 'method', 'R-5.2.1', `method ${requested} is not in the method library`, { requested: item.methodCode, version: item.methodVersion, otherVersions: others });
  const evidence = {
    methodId: method.methodId, code: method.code, version: method.version, title: method.title, status: method.status,
    usable: method.usable, effectiveFrom: method.effectiveFrom, withdrawnOn: method.withdrawnOn, supersededBy: method.supersededBy,
  };
  if (method.status === 'withdrawn' || (method.withdrawnOn !== null && method.withdrawnOn <= asOf)) {
    const replacement = method.supersededBy ? `; use ${method.supersededBy.code} (version ${method.supersededBy.version})` : '';
    return fail(item, 'method', 'R-5.2.3', `method ${requested} was withdrawn${method.withdrawnOn ? ` on ${method.withdrawnOn}` : ''}${replacement}; the customer must be told`, evidence, true);
  }
  if (method.supersededBy) {
    return fail(item, 'method', 'R-5.2.3', `method ${requested} is superseded by ${method.supersededBy.code} (version ${method.supersededBy.version}); the customer must be told`, evidence, true);
  }
  if (method.effectiveFrom > asOf) return fail(item, 'method', 'R-5.2.3', `method ${requested} is in force only from ${method.effectiveFrom}`, evidence);
  if (!method.usable) return fail(item, 'method', 'R-5.2.4', `method ${requested} is ${method.status}, not verified for use`, evidence);
  return pass(item, 'method', 'R-5.2.3', `method ${requested} is current and verified`, evidence);
}

// ---------------------------------------------------------------- standard (R-6.1.2, R-5.3.2)

interface Availability {
  standard: StandardView;
  equipment: { equipmentId: string; assetNumber: string | null; status: string; usable: boolean; dueDate: IsoDate | null }[];
  problems: string[];
  /** Earliest day the standard stops being usable (certificate or calibration due). */
  usableUntil: IsoDate | null;
}

function availability(standard: StandardView, equipment: Map<string, EquipmentView>, asOf: IsoDate): Availability {
  const problems: string[] = [];
  if (!standard.valid) problems.push(`standard ${standard.code} is not valid${standard.invalidReasons.length ? `: ${standard.invalidReasons.join('; ')}` : ''}`);
  if (standard.validUntil === null || standard.validUntil < asOf) problems.push(`certificate of standard ${standard.code} is not valid on ${asOf}`);
  if (standard.equipmentIds.length === 0) problems.push(`standard ${standard.code} has no equipment`);
  const rows = standard.equipmentIds.map((id) => {
    const e = equipment.get(id);
    if (!e) {
      problems.push(`status of equipment ${id} is unknown`);
      return { equipmentId: id, assetNumber: null, status: 'unknown', usable: false, dueDate: null };
    }
    if (!e.usable) problems.push(`equipment ${e.assetNumber} is ${e.status}`);
    else if (e.dueDate !== null && e.dueDate < asOf) problems.push(`equipment ${e.assetNumber} was due for calibration on ${e.dueDate}`);
    return { equipmentId: id, assetNumber: e.assetNumber, status: e.status, usable: e.usable, dueDate: e.dueDate };
  });
  const dates = [standard.validUntil, ...rows.map((r) => r.dueDate)].filter((d): d is IsoDate => d !== null).sort();
  return { standard, equipment: rows, problems, usableUntil: dates[0] ?? null };
}

/**
 * R-6.1.2 (resources), R-5.3.2: at least one measurement standard whose scope covers the item is
 * available: valid, in date, and every piece of its equipment in tolerance (usable) and within
 * its calibration interval. A standard that falls due before the promised date is a warning.
 */
export function checkStandard(item: ContractItem, snapshot: CapabilitySnapshot, asOf: IsoDate, promisedDate: IsoDate | null): ReviewCheck {
  const covering = [
    ...new Map(coverages(item, snapshot, asOf).filter((c) => c.coverageProblems.length === 0).map((c) => [c.standard.standardId, c.standard])).values(),
  ];
  if (covering.length === 0) return fail(item, 'standard', 'R-6.1.2', 'no measurement standard covers the item', { standards: [] });
  const equipment = new Map(snapshot.equipment.map((e) => [e.equipmentId, e]));
  const all = covering.map((s) => availability(s, equipment, asOf));
  const evidence = (a: Availability) => ({ standardId: a.standard.standardId, code: a.standard.code, validUntil: a.standard.validUntil, usableUntil: a.usableUntil, equipment: a.equipment, problems: a.problems });
  const available = all.filter((a) => a.problems.length === 0);
  if (available.length === 0) {
    return fail(item, 'standard', 'R-6.1.2', `no in-tolerance, in-date measurement standard is available: ${all.map((a) => a.problems.join('; ')).join(' | ')}`, {
      standards: all.map(evidence),
    });
  }
  const lasting = available.filter((a) => promisedDate === null || a.usableUntil === null || a.usableUntil >= promisedDate);
  if (lasting.length === 0) {
    const best = available.sort((a, b) => (b.usableUntil ?? '').localeCompare(a.usableUntil ?? ''))[0];
    return {
      ...pass(item, 'standard', 'R-6.1.2', `standard ${best.standard.code} is available but falls due on ${best.usableUntil}, before the promised date ${promisedDate}`, { standards: available.map(evidence) }),
      outcome: 'warning',
    };
  }
  return pass(item, 'standard', 'R-6.1.2', `standard ${lasting[0].standard.code} is available${lasting[0].usableUntil ? ` until ${lasting[0].usableUntil}` : ''}`, {
    standards: available.map(evidence),
  });
}

// ---------------------------------------------------------------- staffing (R-5.1.1)

const staffRoles = new Set(['calibrator', 'checker', 'standard-responsible']);

/**
 * R-5.1.1 at least two persons are authorised for the item on the review day, one of them a
 * standard responsible person with an engineer title or registered-metrologist qualification.
 * Quality's own per-item verdict (item-staffing.changed) must not say otherwise.
 */
export function checkStaffing(item: ContractItem, snapshot: CapabilitySnapshot, asOf: IsoDate): ReviewCheck {
  const active = snapshot.authorisations.filter((a) => a.itemCode === item.itemCode && staffRoles.has(a.role) && authorisationActiveOn(a, asOf));
  const persons = [...new Set(active.map((a) => a.personId))];
  const qualifiedResponsible = [...new Set(active.filter((a) => a.role === 'standard-responsible' && a.qualifiedForResponsible).map((a) => a.personId))];
  const staffing = snapshot.staffing.find((s) => s.itemCode === item.itemCode) ?? null;
  const evidence = {
    itemCode: item.itemCode,
    authorisedPersons: persons,
    qualifiedResponsiblePersons: qualifiedResponsible,
    authorisations: active.map((a) => ({ authorisationId: a.authorisationId, personId: a.personId, role: a.role, validUntil: a.validUntil })),
    qualityVerdict: staffing,
  };
  const problems: string[] = [];
  if (persons.length < 2) problems.push(`only ${persons.length} person(s) authorised for item ${item.itemCode} on ${asOf}; at least 2 are needed`);
  if (qualifiedResponsible.length === 0) problems.push(`no qualified standard responsible person is authorised for item ${item.itemCode}`);
  if (problems.length === 0 && staffing && !staffing.adequate) problems.push(`quality reports staffing of item ${item.itemCode} inadequate (evaluated ${staffing.evaluatedOn})`);
  if (problems.length) return fail(item, 'staffing', 'R-5.1.1', problems.join('; '), evidence);
  return pass(item, 'staffing', 'R-5.1.1', `${persons.length} persons authorised, incl. a qualified standard responsible person`, evidence);
}

// ---------------------------------------------------------------- decision rule (R-6.4.2.3)

/**
 * R-6.4.2.3 a conformity statement needs the decision rule agreed with the customer (simple
 * acceptance, guarded acceptance with its guard band, or non-binary); certificates apply it.
 */
export function checkDecisionRule(item: ContractItem): ReviewCheck {
  if (!item.conformityStatement) return pass(item, 'decision-rule', 'R-6.4.2.3', 'no conformity statement requested', { conformityStatement: false });
  if (!item.decisionRule) {
    return fail(item, 'decision-rule', 'R-6.4.2.3', 'a conformity statement is requested but no decision rule is agreed with the customer', { conformityStatement: true });
  }
  if (item.decisionRule.rule === 'guarded' && !item.decisionRule.guardBand) {
    return fail(item, 'decision-rule', 'R-6.4.2.3', 'guarded acceptance needs its guard band', { conformityStatement: true, decisionRule: item.decisionRule });
  }
  const band = item.decisionRule.guardBand ? ` with guard band ${item.decisionRule.guardBand.value} ${item.decisionRule.guardBand.unit}` : '';
  return pass(item, 'decision-rule', 'R-6.4.2.3', `decision rule agreed: ${item.decisionRule.rule}${band}`, { conformityStatement: true, decisionRule: item.decisionRule });
}

/**
 * R-6.1.2, R-6.4.2.3 the rule agreed at review, as `intake.contract.accepted` carries it to
 * certificates: null when no conformity statement is requested (nothing for certificates to apply).
 */
export function agreedDecisionRule(item: ContractItem): { rule: 'simple' | 'guarded' | 'non-binary'; guardBand: string | null; guardBandUnit: string | null } | null {
  if (!item.conformityStatement || !item.decisionRule) return null;
  return { rule: item.decisionRule.rule, guardBand: item.decisionRule.guardBand?.value ?? null, guardBandUnit: item.decisionRule.guardBand?.unit ?? null };
}

// ---------------------------------------------------------------- time limit (R-6.2.6, R-4.4)

/** R-6.2.6 a published time limit exists and the customer's requested date is not before what it allows. */
export function checkTimeLimit(item: ContractItem, timeLimit: ItemTimeLimit | null): ReviewCheck {
  if (!timeLimit) {
    return fail(item, 'time-limit', 'R-4.4', `no time limit is published for ${item.serviceKind} in discipline ${item.discipline}`, {
      serviceKind: item.serviceKind, discipline: item.discipline,
    });
  }
  const evidence = { ...timeLimit, requestedCompletionDate: item.requestedCompletionDate };
  if (item.requestedCompletionDate !== null && item.requestedCompletionDate < timeLimit.promisedDate) {
    return fail(item, 'time-limit', 'R-6.2.6', `requested completion date ${item.requestedCompletionDate} is before ${timeLimit.promisedDate}, the published time limit of ${timeLimit.workingDays} working days`, evidence);
  }
  return pass(item, 'time-limit', 'R-6.2.6', `can be completed by ${timeLimit.promisedDate} (${timeLimit.workingDays} working days)`, evidence);
}

// ---------------------------------------------------------------- the review

/** R-6.1.2 every check of one item. */
export function reviewItem(item: ContractItem, snapshot: CapabilitySnapshot, context: ReviewContext): ReviewCheck[] {
  const timeLimit = context.timeLimits.get(item.itemId) ?? null;
  return [
    checkScope(item, snapshot, context.asOf),
    checkMethod(item, snapshot, context.asOf),
    checkStandard(item, snapshot, context.asOf, timeLimit?.promisedDate ?? null),
    checkStaffing(item, snapshot, context.asOf),
    checkDecisionRule(item),
    checkTimeLimit(item, timeLimit),
  ];
}

/**
 * R-6.1.2, R-6.1.4 reviews a contract version against the capability read model: a record of
 * every check of every item with its evidence; it passes when no check fails.
 */
export function reviewContract(
  version: ContractVersion,
  snapshot: CapabilitySnapshot,
  context: ReviewContext & { trigger: ReviewTrigger; reviewedBy: string; now: Date },
): ContractReview {
  const checks = version.items.flatMap((item) => reviewItem(item, snapshot, context));
  return {
    id: randomUUID(),
    contractId: version.contractId,
    contractVersion: version.version,
    trigger: context.trigger,
    outcome: checks.some((c) => c.outcome === 'fail') ? 'failed' : 'passed',
    asOf: context.asOf,
    customerMustBeTold: checks.some((c) => c.customerMustBeTold),
    reviewedAt: context.now,
    reviewedBy: context.reviewedBy,
    checks,
  };
}

/** The items that failed a review (any check failed). */
export function failedItems(review: ContractReview): Set<string> {
  return new Set(review.checks.filter((c) => c.outcome === 'fail').map((c) => c.itemId));
}
