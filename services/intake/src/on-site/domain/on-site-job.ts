import { randomUUID } from 'node:crypto';
import { IsoDate } from '@calchain/platform/calendar';
import { compareDecimal } from '../../shared/domain/money';
import { RuleCheck, violation } from '../../shared/domain/rule-violation';

export type OnSiteStatus = 'planned' | 'measurement-cleared' | 'closed';
export type OnSiteAttachmentKind = 'travel-ticket' | 'accommodation-invoice' | 'standard-shipping-note' | 'other';

/** what a cross-region job must keep before it can close. */
export const crossRegionEvidence: OnSiteAttachmentKind[] = ['travel-ticket', 'accommodation-invoice', 'standard-shipping-note'];

/** what is acknowledged before work on site, unless the job names its own list. */
export const defaultSafetyChecklist = [
  'site safety induction received',
  'personal protective equipment available and worn',
  'hazards of the site (electrical, pressure, height, chemicals) identified with the customer',
  'emergency contacts and exits known',
];

/** A condition the method requires (from the method library's environmental limits). */
export interface EnvironmentRequirement {
  methodCode: string;
  methodVersion: string;
  quantity: string;
  lower: string | null;
  upper: string | null;
  unit: string;
}

export interface SiteReading {
  quantity: string;
  value: string;
  unit: string;
}

export interface OnSiteJob {
  id: string;
  contractId: string;
  itemIds: string[];
  siteAddress: string;
  crossRegion: boolean;
  plannedDate: IsoDate;
  status: OnSiteStatus;
  environmentRequirements: EnvironmentRequirement[] | null;
  environmentSent: { channel: string; contactId: string | null; by: string; at: Date } | null;
  safetyChecklist: string[];
  safetyAcknowledgement: { by: string; at: Date } | null;
  siteConditions: { readings: SiteReading[]; meetsMethod: boolean; violations: string[]; by: string; at: Date } | null;
  impactAssessment: { id: string; assessment: string; by: string; at: Date } | null;
  technicalManagerConsent: { decision: 'granted' | 'refused'; by: string; at: Date } | null;
  customerConsent: { consentId: string; decision: 'granted' | 'refused' } | null;
  clearedAt: Date | null;
  closedAt: Date | null;
  createdBy: string;
  createdAt: Date;
}

/** an on-site job for on-site items of the contract's current version. */
export function planJob(
  input: { itemIds: string[]; siteAddress: string; crossRegion: boolean; plannedDate: IsoDate; safetyChecklist: string[] | null },
  context: { contractId: string; contractStatus: string; items: { itemId: string; place: string }[]; today: IsoDate; by: string; now: Date },
): OnSiteJob {
  const check = new RuleCheck()
    .require(context.contractStatus !== 'cancelled', 'R-6.2.4', 'contractId', 'not-cancelled', 'the contract is cancelled')
    .require(input.plannedDate >= context.today, 'R-6.2.4', 'plannedDate', 'not-in-past', `the planned date is before today (${context.today})`);
  input.itemIds.forEach((id, i) => {
    const item = context.items.find((it) => it.itemId === id);
    check.require(item !== undefined, 'R-6.2.4', `itemIds.${i}`, 'item-of-contract', `item ${id} is not in the current version of the contract`);
    check.require(item === undefined || item.place === 'on-site', 'R-6.2.4', `itemIds.${i}`, 'on-site-item', `item ${id} is to be worked on in the lab`);
  });
  check.throwIfBroken();
  return {
    id: randomUUID(), contractId: context.contractId, itemIds: [...new Set(input.itemIds)], siteAddress: input.siteAddress, crossRegion: input.crossRegion,
    plannedDate: input.plannedDate, status: 'planned', environmentRequirements: null, environmentSent: null,
    safetyChecklist: input.safetyChecklist ?? defaultSafetyChecklist, safetyAcknowledgement: null, siteConditions: null, impactAssessment: null,
    technicalManagerConsent: null, customerConsent: null, clearedAt: null, closedAt: null, createdBy: context.by, createdAt: context.now,
  };
}

const requirePlanned = (job: OnSiteJob, field: string) => {
  if (job.status !== 'planned') violation('R-5.4.4', field, 'before-measurement', `the job is ${job.status}`);
};

/**
 * the environmental conditions the methods of the job's items require, as sent to the
 * customer. Methods without published limits add nothing (and are listed so the clerk can ask).
 */
export function environmentRequirements(
  items: { methodCode: string; methodVersion: string }[],
  methods: { code: string; version: string; environmentalLimits: { quantity: string; lower: string | null; upper: string | null; unit: string }[] }[],
): { requirements: EnvironmentRequirement[]; methodsWithoutLimits: string[] } {
  const requirements: EnvironmentRequirement[] = [];
  const without: string[] = [];
  for (const key of [...new Set(items.map((i) => `${i.methodCode}\u0000${i.methodVersion}`))]) {
    const [code, version] = key.split('\u0000');
    const method = methods.find((m) => m.code === code && m.version === version);
    if (!method || method.environmentalLimits.length === 0) without.push(`${code} (${version})`);
    for (const l of method?.environmentalLimits ?? []) requirements.push({ methodCode: code, methodVersion: version, ...l });
  }
  return { requirements, methodsWithoutLimits: without };
}

/** every item of the safety checklist acknowledged. */
export function acknowledgeSafety(job: OnSiteJob, acknowledged: string[], by: string, now: Date): OnSiteJob {
  requirePlanned(job, 'safety');
  const check = new RuleCheck().require(job.environmentSent !== null, 'R-6.2.4', 'environment', 'sent-first', 'send the environmental requirements to the customer first');
  job.safetyChecklist.forEach((item, i) =>
    check.require(acknowledged.includes(item), 'R-6.2.8', `safetyChecklist.${i}`, 'acknowledged', `not acknowledged: ${item}`),
  );
  check.throwIfBroken();
  return { ...job, safetyAcknowledgement: { by, at: now } };
}

/**
 * compares the conditions measured on site with what the methods require; a
 * required quantity without a reading does not meet the method.
 */
export function assessConditions(requirements: EnvironmentRequirement[], readings: SiteReading[]): { meetsMethod: boolean; violations: string[] } {
  const violations: string[] = [];
  for (const r of requirements) {
    const reading = readings.find((x) => x.quantity === r.quantity && x.unit === r.unit);
    const limits = `${r.lower ?? '−∞'}…${r.upper ?? '+∞'} ${r.unit}`;
    if (!reading) violations.push(`${r.quantity}: no reading in ${r.unit} (required ${limits} by ${r.methodCode})`);
    else if ((r.lower !== null && compareDecimal(reading.value, r.lower) < 0) || (r.upper !== null && compareDecimal(reading.value, r.upper) > 0)) {
      violations.push(`${r.quantity} ${reading.value} ${r.unit} is outside ${limits} required by ${r.methodCode}`);
    }
  }
  return { meetsMethod: violations.length === 0, violations };
}

/** Recording new conditions starts the assessment over: earlier consents were for other conditions. */
export function recordConditions(job: OnSiteJob, readings: SiteReading[], by: string, now: Date): OnSiteJob {
  requirePlanned(job, 'siteConditions');
  if (!job.environmentRequirements) violation('R-6.2.4', 'environment', 'sent-first', 'send the environmental requirements to the customer first');
  const assessed = assessConditions(job.environmentRequirements, readings);
  return { ...job, siteConditions: { readings, ...assessed, by, at: now }, impactAssessment: null, technicalManagerConsent: null, customerConsent: null };
}

export function assessImpact(job: OnSiteJob, assessment: string, by: string, now: Date): OnSiteJob {
  requirePlanned(job, 'impactAssessment');
  if (!job.siteConditions) violation('R-5.4.4', 'siteConditions', 'recorded', 'record the site conditions first');
  if (job.siteConditions.meetsMethod) violation('R-5.4.4', 'impactAssessment', 'needed', 'the site conditions meet the method; no impact assessment is needed');
  return { ...job, impactAssessment: { id: randomUUID(), assessment, by, at: now }, technicalManagerConsent: null, customerConsent: null };
}

export function technicalManagerDecision(job: OnSiteJob, decision: 'granted' | 'refused', by: string, now: Date): OnSiteJob {
  requirePlanned(job, 'technicalManagerConsent');
  if (!job.impactAssessment) violation('R-5.4.4', 'impactAssessment', 'recorded', 'the technical manager decides on a recorded impact assessment');
  return { ...job, technicalManagerConsent: { decision, by, at: now } };
}

export function customerDecision(job: OnSiteJob, consentId: string, decision: 'granted' | 'refused'): OnSiteJob {
  requirePlanned(job, 'customerConsent');
  if (!job.impactAssessment) violation('R-5.4.4', 'impactAssessment', 'recorded', 'the customer decides on a recorded impact assessment');
  return { ...job, customerConsent: { consentId, decision } };
}

/**
 * measurement may start only when the environment requirements were
 * sent, safety acknowledged, site conditions recorded, and — when they do not meet the method —
 * the impact assessed and consented to by both the technical manager and the customer.
 */
export function clearForMeasurement(job: OnSiteJob, now: Date): OnSiteJob {
  requirePlanned(job, 'status');
  const check = new RuleCheck()
    .require(job.environmentSent !== null, 'R-6.2.4', 'environment', 'sent', 'the environmental requirements were not sent to the customer')
    .require(job.safetyAcknowledgement !== null, 'R-6.2.8', 'safety', 'acknowledged', 'the safety checklist is not acknowledged')
    .require(job.siteConditions !== null, 'R-5.4.4', 'siteConditions', 'recorded', 'the site conditions are not recorded');
  if (job.siteConditions && !job.siteConditions.meetsMethod) {
    check
      .require(job.impactAssessment !== null, 'R-5.4.4', 'impactAssessment', 'recorded', `site conditions do not meet the method (${job.siteConditions.violations.join('; ')}); the impact must be assessed`)
      .require(job.technicalManagerConsent?.decision === 'granted', 'R-5.4.4', 'technicalManagerConsent', 'granted', "the technical manager's consent is not recorded")
      .require(job.customerConsent?.decision === 'granted', 'R-5.4.4', 'customerConsent', 'granted', "the customer's consent is not recorded");
  }
  check.throwIfBroken();
  return { ...job, status: 'measurement-cleared', clearedAt: now };
}

/** a cross-region job closes only with travel tickets, accommodation invoices and shipping notes of the standards. */
export function closeJob(job: OnSiteJob, attachmentKinds: string[], now: Date): OnSiteJob {
  const check = new RuleCheck().require(job.status === 'measurement-cleared', 'R-6.2.7', 'status', 'measured', `a ${job.status} job cannot be closed`);
  if (job.crossRegion) {
    for (const kind of crossRegionEvidence) {
      check.require(attachmentKinds.includes(kind), 'R-6.2.7', `attachments.${kind}`, 'attached', `a cross-region job needs its ${kind.replace(/-/g, ' ')}s attached`);
    }
  }
  check.throwIfBroken();
  return { ...job, status: 'closed', closedAt: now };
}
