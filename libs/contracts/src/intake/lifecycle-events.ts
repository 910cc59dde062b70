import { z } from 'zod';
import { defineEvent } from '../catalog-define';
import { Topics } from '../topics';

/**
 * Events of the intake service beyond `intake.work-order.created` (events.ts): the life of a
 * contract (review, change, deviation, acceptance), dispatch of work orders to lab sections, the
 * end-to-end status and time-limit clock of each item, item intake/return and on-site jobs.
 *
 * No personal data, ever: customers travel as ids, customer contacts never (not even as ids of a
 * named person's contact record beyond the consent id), staff as subject ids only.
 * `itemId` is the contract item's id, stable across contract versions; it is also the id of the
 * item in its work order and in `intake.work-order.created`, so records and certificates can key
 * on it.
 */

const IsoDate = z.iso.date();
const IsoDateTime = z.iso.datetime({ offset: true });
const RequirementId = z.string().regex(/^R-\d+(\.\d+)*$/, 'requirement id like R-6.1.2');
const Code = z.string().min(1).max(100);

export const IntakeServiceKindV1 = z.enum(['calibration', 'verification']);
export const IntakePlaceV1 = z.enum(['lab', 'on-site']);

// ---------------------------------------------------------------- intake.contract.*

export const ReviewCheckNameV1 = z.enum(['scope', 'method', 'standard', 'staffing', 'decision-rule', 'time-limit']);
export const ReviewCheckOutcomeV1 = z.enum(['pass', 'warning', 'fail']);

/**
 * intake.contract.reviewed v1: a contract version
 * was reviewed against the capability read model; the full record stays in intake (immutable).
 * `customerMustBeTold` is true when a requested method is withdrawn or superseded.
 */
export const ContractReviewedV1 = z.object({
  contractId: z.uuid(),
  contractNumber: z.string().min(1).max(40),
  version: z.number().int().min(1),
  reviewId: z.uuid(),
  outcome: z.enum(['passed', 'failed']),
  trigger: z.enum(['created', 'changed', 'requested']),
  customerMustBeTold: z.boolean(),
  items: z
    .array(
      z.object({
        itemId: z.uuid(),
        outcome: z.enum(['passed', 'failed']),
        failedChecks: z.array(z.object({ check: ReviewCheckNameV1, requirement: RequirementId })),
      }),
    )
    .min(1),
  reviewedAt: IsoDateTime,
});

/**
 * intake.contract.changed v1: a new contract version exists; work on the contract waits
 * for its review and (re-)acceptance.
 */
export const ContractChangedV1 = z.object({
  contractId: z.uuid(),
  contractNumber: z.string().min(1).max(40),
  version: z.number().int().min(2),
  previousVersion: z.number().int().min(1),
  addedItemIds: z.array(z.uuid()),
  changedItemIds: z.array(z.uuid()),
  removedItemIds: z.array(z.uuid()),
  changedAt: IsoDateTime,
});

/**
 * The decision rule agreed with the customer at contract review for an item's conformity
 * statement (R-6.1.2, R-6.4.2.3; ILAC-G8): simple acceptance, guarded acceptance with its guard
 * band (decimal string, in `guardBandUnit`, the unit of the item's range), or non-binary.
 */
export const AgreedDecisionRuleV1 = z.object({
  rule: z.enum(['simple', 'guarded', 'non-binary']),
  guardBand: z.string().regex(/^\d+(\.\d+)?$/, 'non-negative decimal string').nullable().optional(),
  guardBandUnit: z.string().min(1).max(40).nullable().optional(),
});

/**
 * The customer as the certificate names it (R-6.4.2.1, R-6.4.3): an organisation's name and
 * address, which are not personal data. A natural person as customer never travels (`customer:
 * null`); certificates then name the customer by id only and the institution prints the name.
 */
export const ContractCustomerV1 = z.object({
  name: z.string().min(1).max(200),
  address: z.string().min(1).max(500).nullable(),
});

/** What the customer asked to receive for an item: a certificate (default) or a test report. */
export const RequestedReportV1 = z.enum(['certificate', 'test-report']);

/**
 * intake.contract.accepted v1: the reviewed version is accepted.
 * `decisionRule` per item (optional, added within v1; absent from older producers): the rule
 * agreed at review that certificates apply to conformity statements (R-6.4.2.3); `null` when no
 * conformity statement is requested.
 * `customer` (optional, added within v1): the organisation's name and address for the
 * certificate; `null` when the customer is a natural person (personal data never travels).
 * `report` per item (optional, added within v1): `test-report` when the customer requested a test
 * report instead of a certificate; absent = certificate.
 */
export const ContractAcceptedV1 = z.object({
  contractId: z.uuid(),
  contractNumber: z.string().min(1).max(40),
  version: z.number().int().min(1),
  reviewId: z.uuid(),
  customerId: z.string().min(1).max(64),
  customer: ContractCustomerV1.nullable().optional(),
  items: z
    .array(
      z.object({
        itemId: z.uuid(),
        disposition: z.enum(['in-house', 'subcontracted', 'cancelled']),
        workOrderId: z.uuid().nullable(),
        section: Code.nullable(),
        promisedDate: IsoDate.nullable(),
        decisionRule: AgreedDecisionRuleV1.nullable().optional(),
        report: RequestedReportV1.optional(),
      }),
    )
    .min(1),
  acceptedAt: IsoDateTime,
});

/**
 * intake.contract.deviation-raised v1: work deviates from the customer's requirements;
 * the listed items are blocked until the customer's consent is recorded.
 */
export const DeviationRaisedV1 = z.object({
  contractId: z.uuid(),
  contractNumber: z.string().min(1).max(40),
  deviationId: z.uuid(),
  itemIds: z.array(z.uuid()).min(1),
  raisedAt: IsoDateTime,
});

/** intake.contract.deviation-resolved v1: consent granted (items unblocked) or refused (stay blocked). */
export const DeviationResolvedV1 = z.object({
  contractId: z.uuid(),
  contractNumber: z.string().min(1).max(40),
  deviationId: z.uuid(),
  itemIds: z.array(z.uuid()).min(1),
  decision: z.enum(['granted', 'refused']),
  consentId: z.uuid(),
  resolvedAt: IsoDateTime,
});

// ---------------------------------------------------------------- intake.work-order.dispatched

/**
 * intake.work-order.dispatched v1: a work order was handed to a lab section. Carries
 * what the section needs to plan the work (method, place, promised date per item).
 */
export const WorkOrderDispatchedV1 = z.object({
  workOrderId: z.uuid(),
  orderNumber: z.string().min(1),
  contractId: z.uuid(),
  contractVersion: z.number().int().min(1),
  section: Code,
  dueDate: IsoDate.nullable(),
  items: z
    .array(
      z.object({
        itemId: z.uuid(),
        serviceKind: IntakeServiceKindV1,
        methodCode: Code,
        methodVersion: z.string().min(1).max(50),
        itemCode: Code,
        place: IntakePlaceV1,
        promisedDate: IsoDate.nullable(),
      }),
    )
    .min(1),
  dispatchedBy: z.string().min(1).max(200),
  dispatchedAt: IsoDateTime,
});

// ---------------------------------------------------------------- intake.item.*

export const ItemStatusV1 = z.enum(['accepted', 'in-lab', 'measured', 'reviewed', 'certificate-issued', 'returned', 'cancelled']);

/** intake.item.status-changed v1: where an item is in the flow, end to end. */
export const ItemStatusChangedV1 = z.object({
  itemId: z.uuid(),
  contractId: z.uuid().nullable(),
  workOrderId: z.uuid(),
  status: ItemStatusV1,
  previousStatus: ItemStatusV1.nullable(),
  changedAt: IsoDateTime,
});

export const IntakeChannelV1 = z.enum(['delivered', 'mailed', 'picked-up']);

/** intake.item.received v1: the item reached the lab and got its unique label. */
export const ItemReceivedV1 = z.object({
  itemId: z.uuid(),
  contractId: z.uuid(),
  intakeId: z.uuid(),
  label: z.string().min(1).max(40),
  channel: IntakeChannelV1,
  conditionAcceptable: z.boolean(),
  receivedAt: IsoDateTime,
});

/** intake.item.returned v1: handed back, checked against the intake checklist, signed. */
export const ItemReturnedV1 = z.object({
  itemId: z.uuid(),
  contractId: z.uuid(),
  returnId: z.uuid(),
  label: z.string().min(1).max(40),
  returnedAt: IsoDateTime,
  withinTimeLimit: z.boolean().nullable(),
});

/** intake.item.adjustment-consented v1: the customer agreed that the item may be adjusted. */
export const AdjustmentConsentedV1 = z.object({
  itemId: z.uuid(),
  contractId: z.uuid(),
  consentId: z.uuid(),
  grantedOn: IsoDate,
});

/**
 * intake.item.state-change-noticed v1: the item's initial state changed (adjusted,
 * repaired, damaged) and the customer was told. The notice text stays in intake.
 */
export const StateChangeNoticedV1 = z.object({
  itemId: z.uuid(),
  contractId: z.uuid(),
  noticeId: z.uuid(),
  kind: z.enum(['adjusted', 'repaired', 'damaged', 'other']),
  noticedAt: IsoDateTime,
});

/** intake.item.time-limit-at-risk v1: few working days are left before the promised date. */
export const TimeLimitAtRiskV1 = z.object({
  itemId: z.uuid(),
  contractId: z.uuid(),
  promisedDate: IsoDate,
  workingDaysLeft: z.number().int().min(0),
  detectedAt: IsoDateTime,
});

/** intake.item.time-limit-breached v1: the promised date passed and the item is not done. */
export const TimeLimitBreachedV1 = z.object({
  itemId: z.uuid(),
  contractId: z.uuid(),
  promisedDate: IsoDate,
  workingDaysOverdue: z.number().int().min(0),
  detectedAt: IsoDateTime,
});

// ---------------------------------------------------------------- intake.on-site-job.*

/**
 * intake.on-site-job.measurement-cleared v1: measurement on site may
 * start. When the site conditions do not meet the method, the impact assessment and both consents
 * (technical manager, customer) are recorded before this event exists.
 */
export const OnSiteMeasurementClearedV1 = z.object({
  jobId: z.uuid(),
  contractId: z.uuid(),
  itemIds: z.array(z.uuid()).min(1),
  conditionsMeetMethod: z.boolean(),
  impactAssessmentId: z.uuid().nullable(),
  technicalManagerConsentBy: z.string().min(1).max(200).nullable(),
  customerConsentId: z.uuid().nullable(),
  clearedAt: IsoDateTime,
});

/** intake.on-site-job.closed v1: closed, with the cross-region evidence attached. */
export const OnSiteJobClosedV1 = z.object({
  jobId: z.uuid(),
  contractId: z.uuid(),
  crossRegion: z.boolean(),
  attachmentCount: z.number().int().min(0),
  closedAt: IsoDateTime,
});

export const intakeLifecycleEvents = [
  defineEvent({ type: 'intake.contract.reviewed', version: 1, topic: Topics.intakeContracts, schema: ContractReviewedV1 }),
  defineEvent({ type: 'intake.contract.changed', version: 1, topic: Topics.intakeContracts, schema: ContractChangedV1 }),
  defineEvent({ type: 'intake.contract.accepted', version: 1, topic: Topics.intakeContracts, schema: ContractAcceptedV1 }),
  defineEvent({ type: 'intake.contract.deviation-raised', version: 1, topic: Topics.intakeContracts, schema: DeviationRaisedV1 }),
  defineEvent({ type: 'intake.contract.deviation-resolved', version: 1, topic: Topics.intakeContracts, schema: DeviationResolvedV1 }),
  defineEvent({ type: 'intake.work-order.dispatched', version: 1, topic: Topics.intakeWorkOrders, schema: WorkOrderDispatchedV1 }),
  defineEvent({ type: 'intake.item.status-changed', version: 1, topic: Topics.intakeItems, schema: ItemStatusChangedV1 }),
  defineEvent({ type: 'intake.item.received', version: 1, topic: Topics.intakeItems, schema: ItemReceivedV1 }),
  defineEvent({ type: 'intake.item.returned', version: 1, topic: Topics.intakeItems, schema: ItemReturnedV1 }),
  defineEvent({ type: 'intake.item.adjustment-consented', version: 1, topic: Topics.intakeItems, schema: AdjustmentConsentedV1 }),
  defineEvent({ type: 'intake.item.state-change-noticed', version: 1, topic: Topics.intakeItems, schema: StateChangeNoticedV1 }),
  defineEvent({ type: 'intake.item.time-limit-at-risk', version: 1, topic: Topics.intakeItems, schema: TimeLimitAtRiskV1 }),
  defineEvent({ type: 'intake.item.time-limit-breached', version: 1, topic: Topics.intakeItems, schema: TimeLimitBreachedV1 }),
  defineEvent({
    type: 'intake.on-site-job.measurement-cleared',
    version: 1,
    topic: Topics.intakeOnSiteJobs,
    schema: OnSiteMeasurementClearedV1,
  }),
  defineEvent({ type: 'intake.on-site-job.closed', version: 1, topic: Topics.intakeOnSiteJobs, schema: OnSiteJobClosedV1 }),
] as const;

/** The topics the intake service produces to (its PlatformModule `producesTo`). */
export const intakeTopics = [Topics.intakeWorkOrders, Topics.intakeContracts, Topics.intakeItems, Topics.intakeOnSiteJobs];
