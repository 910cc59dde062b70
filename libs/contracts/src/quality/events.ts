import { z } from 'zod';
import { defineEvent } from '../catalog-define';
import { Topics } from '../topics';

/**
 * Events of the quality service: who may do what on which item (intake's contract review and
 * records' "authorised on that date" check rely on them), and what the institution found wrong
 * with itself. Version 1 of each.
 *
 * No personal data, ever: persons travel as opaque ids (the quality service's person id), never
 * with names, national ids, registration numbers or birth dates; complaints travel without the
 * complainant. Authorisation and staffing payloads carry the full current state, so a consumer's
 * read model is right after any single event.
 */

const IsoDate = z.iso.date();
const IsoDateTime = z.iso.datetime({ offset: true });
/** The institution's own code of a verification/calibration item (or discipline), e.g. "JJG 146-2011". */
const ItemCode = z.string().min(1).max(100);
/** A requirement id of the standard, e.g. "R-5.1.1". */
const RequirementId = z.string().regex(/^R-\d+(\.\d+)*$/, 'requirement id like R-5.1.1');

// ---------------------------------------------------------------- quality.authorisation.*

/** The four per-item authorisations of. */
export const AuthorisationRoleV1 = z.enum(['calibrator', 'checker', 'standard-responsible', 'authorised-signatory']);

const AuthorisationStateV1 = z.object({
  authorisationId: z.uuid(),
  /** Opaque person id of the quality service; the only way a person travels. */
  personId: z.uuid(),
  itemCode: ItemCode,
  role: AuthorisationRoleV1,
  /** First and last day (inclusive, lab calendar) on which the person may act. */
  validFrom: IsoDate,
  validUntil: IsoDate,
  /**
   * The person holds an engineer (or higher) title or a valid registered-metrologist
   * qualification on the day of the event.
   */
  qualifiedForResponsible: z.boolean(),
});

/**
 * quality.authorisation.granted v1: the person may act in `role` on `itemCode` from
 * `validFrom` to `validUntil` inclusive. `validUntil` already respects the age limit, so
 * consumers need only compare dates; an earlier end arrives as quality.authorisation.revoked.
 */
export const AuthorisationGrantedV1 = AuthorisationStateV1;

/** Why an authorisation stopped before or at its end date. */
export const AuthorisationEndReasonV1 = z.enum(['revoked', 'expired', 'employment-ended', 'age-limit']);

/**
 * quality.authorisation.revoked v1: the authorisation no longer applies from `endedOn` (inclusive):
 * withdrawn by decision, lapsed at its end date, ended with the employment, or the age limit.
 */
export const AuthorisationRevokedV1 = AuthorisationStateV1.extend({
  reason: AuthorisationEndReasonV1,
  endedOn: IsoDate,
});

// ---------------------------------------------------------------- quality.item-staffing.changed

/**
 * quality.item-staffing.changed v1: per item, how many distinct persons are currently
 * authorised (calibrator, checker or standard responsible person) and whether one of them is a
 * standard responsible person with an engineer title or registered-metrologist qualification.
 * `adequate` = at least two persons and a qualified responsible person; intake blocks new
 * contracts for items that are not adequate. Emitted whenever any of these values changes.
 */
export const ItemStaffingChangedV1 = z.object({
  itemCode: ItemCode,
  authorisedPersons: z.number().int().min(0),
  hasQualifiedResponsible: z.boolean(),
  adequate: z.boolean(),
  evaluatedOn: IsoDate,
});

// ---------------------------------------------------------------- quality.finding.raised

/** Where a finding (nonconformity, observation) came from: the sources of and more. */
export const FindingSourceV1 = z.enum([
  'personnel-staffing',
  'complaint',
  'satisfaction',
  'suggestion',
  'proficiency-test',
  'interlaboratory-comparison',
  'internal-comparison',
  'control-chart',
  'supervision',
  'external-assessment',
  'intermediate-check',
  'internal-audit',
  'management-review',
  'other',
]);
export const FindingSeverityV1 = z.enum(['observation', 'minor', 'major', 'critical']);

/**
 * quality.finding.raised v1: the institution found something wrong with
 * itself. `title` is written by the system or by quality staff and never names a complainant.
 */
export const FindingRaisedV1 = z.object({
  findingId: z.uuid(),
  number: z.string().min(1).max(40),
  source: FindingSourceV1,
  /** Id of the record the finding came from (complaint id, PT result id, chart id, …). */
  sourceRef: z.string().max(200).nullable(),
  severity: FindingSeverityV1,
  requirement: RequirementId.nullable(),
  title: z.string().min(1).max(300),
  itemCode: ItemCode.nullable(),
  raisedAt: IsoDateTime,
});

// ---------------------------------------------------------------- quality.corrective-action.*

export const CorrectiveActionKindV1 = z.enum(['corrective', 'risk-control']);

/** quality.corrective-action.opened v1: a corrective or risk-control action was opened. */
export const CorrectiveActionOpenedV1 = z.object({
  correctiveActionId: z.uuid(),
  number: z.string().min(1).max(40),
  kind: CorrectiveActionKindV1,
  findingId: z.uuid().nullable(),
  source: FindingSourceV1,
  requirement: RequirementId.nullable(),
  itemCode: ItemCode.nullable(),
  dueOn: IsoDate.nullable(),
  openedAt: IsoDateTime,
});

/** quality.corrective-action.closed v1: closed after its effectiveness was verified. */
export const CorrectiveActionClosedV1 = z.object({
  correctiveActionId: z.uuid(),
  number: z.string().min(1).max(40),
  findingId: z.uuid().nullable(),
  closedAt: IsoDateTime,
});

// ---------------------------------------------------------------- quality.complaint.*

export const ComplaintChannelV1 = z.enum(['web-form', 'phone', 'mail', 'email', 'in-person']);
export const ComplaintOutcomeV1 = z.enum(['upheld', 'partly-upheld', 'not-upheld', 'withdrawn']);

/**
 * quality.complaint.registered v1: for dashboards and statistics only. The
 * complainant is never in it: not the name, not the contact, not a customer id.
 */
export const ComplaintRegisteredV1 = z.object({
  complaintId: z.uuid(),
  number: z.string().min(1).max(40),
  channel: ComplaintChannelV1,
  category: z.string().min(1).max(60),
  workOrderId: z.uuid().nullable(),
  receivedAt: IsoDateTime,
  dueAt: IsoDateTime,
});

/** quality.complaint.time-limit-breached v1: open past its (possibly extended) limit. */
export const ComplaintTimeLimitBreachedV1 = z.object({
  complaintId: z.uuid(),
  number: z.string().min(1).max(40),
  dueAt: IsoDateTime,
  detectedAt: IsoDateTime,
});

/** quality.complaint.closed v1: handled, outcome recorded, archived. */
export const ComplaintClosedV1 = z.object({
  complaintId: z.uuid(),
  number: z.string().min(1).max(40),
  outcome: ComplaintOutcomeV1,
  withinTimeLimit: z.boolean(),
  closedAt: IsoDateTime,
});

// ---------------------------------------------------------------- quality.remeasurement.*

/**
 * quality.remeasurement.opened v1: records found suspicious data in a record and quality
 * opened a re-measurement request. The affected work (record, work order, item) must not be
 * certified until the matching quality.remeasurement.closed arrives. No personal data.
 */
export const RemeasurementOpenedV1 = z.object({
  remeasurementId: z.uuid(),
  number: z.string().min(1).max(40),
  detectionId: z.uuid(),
  recordId: z.uuid(),
  recordNumber: z.string().min(1).max(40),
  workOrderId: z.uuid(),
  itemId: z.uuid(),
  itemCode: ItemCode.nullable(),
  requirement: z.literal('R-8.2'),
  openedAt: IsoDateTime,
});

export const RemeasurementOutcomeV1 = z.enum(['original-confirmed', 'original-superseded']);

/**
 * quality.remeasurement.closed v1: the re-measurement was done, its approved record is
 * linked (`resultRecordId`) and the request closed; certificates may proceed for `workOrderId`/`itemId`.
 */
export const RemeasurementClosedV1 = z.object({
  remeasurementId: z.uuid(),
  number: z.string().min(1).max(40),
  recordId: z.uuid(),
  workOrderId: z.uuid(),
  itemId: z.uuid(),
  resultRecordId: z.uuid(),
  outcome: RemeasurementOutcomeV1,
  closedAt: IsoDateTime,
});

export const qualityEvents = [
  defineEvent({ type: 'quality.authorisation.granted', version: 1, topic: Topics.qualityAuthorisations, schema: AuthorisationGrantedV1 }),
  defineEvent({ type: 'quality.authorisation.revoked', version: 1, topic: Topics.qualityAuthorisations, schema: AuthorisationRevokedV1 }),
  defineEvent({ type: 'quality.item-staffing.changed', version: 1, topic: Topics.qualityItemStaffing, schema: ItemStaffingChangedV1 }),
  defineEvent({ type: 'quality.finding.raised', version: 1, topic: Topics.qualityFindings, schema: FindingRaisedV1 }),
  defineEvent({
    type: 'quality.corrective-action.opened',
    version: 1,
    topic: Topics.qualityCorrectiveActions,
    schema: CorrectiveActionOpenedV1,
  }),
  defineEvent({
    type: 'quality.corrective-action.closed',
    version: 1,
    topic: Topics.qualityCorrectiveActions,
    schema: CorrectiveActionClosedV1,
  }),
  defineEvent({ type: 'quality.complaint.registered', version: 1, topic: Topics.qualityComplaints, schema: ComplaintRegisteredV1 }),
  defineEvent({
    type: 'quality.complaint.time-limit-breached',
    version: 1,
    topic: Topics.qualityComplaints,
    schema: ComplaintTimeLimitBreachedV1,
  }),
  defineEvent({ type: 'quality.complaint.closed', version: 1, topic: Topics.qualityComplaints, schema: ComplaintClosedV1 }),
  defineEvent({
    type: 'quality.remeasurement.opened',
    version: 1,
    topic: Topics.qualityRemeasurements,
    schema: RemeasurementOpenedV1,
  }),
  defineEvent({
    type: 'quality.remeasurement.closed',
    version: 1,
    topic: Topics.qualityRemeasurements,
    schema: RemeasurementClosedV1,
  }),
] as const;

/** The topics the quality service produces to (its PlatformModule `producesTo`). */
export const qualityTopics = [
  Topics.qualityAuthorisations,
  Topics.qualityItemStaffing,
  Topics.qualityFindings,
  Topics.qualityCorrectiveActions,
  Topics.qualityComplaints,
  Topics.qualityRemeasurements,
];
