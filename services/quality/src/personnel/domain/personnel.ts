import { addDays, addYears, IsoDate } from '@calchain/platform/calendar';
import { violation } from '../../shared/domain/rule-violation';

/** Professional titles (职称), lowest first. "Engineer and above" is what ask. */
export const Titles = ['none', 'technician', 'assistant-engineer', 'engineer', 'senior-engineer', 'professorate-senior-engineer'] as const;
export type Title = (typeof Titles)[number];

export const QualificationKinds = ['registered-metrologist-level-1', 'registered-metrologist-level-2', 'other'] as const;
export type QualificationKind = (typeof QualificationKinds)[number];

export const AuthorisationRoles = ['calibrator', 'checker', 'standard-responsible', 'authorised-signatory'] as const;
export type AuthorisationRole = (typeof AuthorisationRoles)[number];

export type EmploymentType = 'employee' | 'agency';

export interface Qualification {
  kind: QualificationKind;
  validFrom: IsoDate;
  validUntil: IsoDate | null;
}

export interface CompetenceRecord {
  kind: 'training' | 'examination';
  itemCode: string | null;
  completedOn: IsoDate;
  result: 'passed' | 'failed' | 'attended';
}

export interface Employment {
  startedOn: IsoDate;
  endedOn: IsoDate | null;
}

export interface PersonFacts {
  birthDate: IsoDate;
  title: Title;
  qualifications: Qualification[];
  employment: Employment | null;
  competence: CompetenceRecord[];
}

export interface AuthorisationPeriod {
  role: AuthorisationRole;
  itemCode: string;
  validFrom: IsoDate;
  validUntil: IsoDate;
  status: 'active' | 'revoked' | 'expired';
}

/** an engineer title or higher. */
export function hasEngineerTitle(title: Title): boolean {
  return Titles.indexOf(title) >= Titles.indexOf('engineer');
}

function validOn(q: Qualification, day: IsoDate): boolean {
  return q.validFrom <= day && (q.validUntil === null || day <= q.validUntil);
}

/** A registered-metrologist qualification (level 1 or 2) valid on the day. */
export function registeredMetrologistOn(qualifications: Qualification[], day: IsoDate): Qualification | undefined {
  return qualifications
    .filter((q) => q.kind !== 'other' && validOn(q, day))
    .sort((a, b) => (b.validUntil ?? '9999-12-31').localeCompare(a.validUntil ?? '9999-12-31'))[0];
}

/**
 * "engineer title or registered-metrologist qualification" — what a standard
 * responsible person and an authorised signatory must hold.
 */
export function qualifiedForResponsible(person: Pick<PersonFacts, 'title' | 'qualifications'>, day: IsoDate): boolean {
  return hasEngineerTitle(person.title) || registeredMetrologistOn(person.qualifications, day) !== undefined;
}

/**
 * R-5.1.2 "age not over 65 (不超过65周岁)": the last day a person may be authorised is their 65th
 * birthday. (Read strictly: the day after it they are over 65. Should the institution read the
 * clause as "until the 66th birthday", this one function changes.)
 */
export function lastAuthorisedDay(birthDate: IsoDate): IsoDate {
  return addYears(birthDate, 65);
}

export interface GrantRequest {
  role: AuthorisationRole;
  itemCode: string;
  validFrom: IsoDate;
  validUntil: IsoDate;
}

export interface GrantDecision {
  validFrom: IsoDate;
  /** Possibly earlier than asked for: the age limit or the signatory's qualification ends first. */
  validUntil: IsoDate;
  limitedBy: 'R-5.1.2' | 'R-5.1.3' | null;
  qualifiedForResponsible: boolean;
}

/**
 * Decides whether a per-item authorisation may be granted and for
 * which period. Refusals throw RuleViolation naming the field, rule and requirement.
 */
export function decideGrant(request: GrantRequest, person: PersonFacts, existing: AuthorisationPeriod[], today: IsoDate): GrantDecision {
  const { role, itemCode, validFrom } = request;
  let validUntil = request.validUntil;
  let limitedBy: GrantDecision['limitedBy'] = null;

  if (validUntil < validFrom) violation('R-5.1.4', 'validUntil', 'date-order', 'validUntil is before validFrom.');
  // authorised *before* working; a backdated authorisation would legitimise past work.
  if (validFrom < today) violation('R-5.1.4', 'validFrom', 'not-retroactive', `An authorisation cannot start before today (${today}).`);

  // calibration staff are employees or agency staff of this institution.
  const employment = person.employment;
  if (!employment || employment.endedOn !== null || employment.startedOn > validFrom) {
    violation('R-5.1.2', 'personId', 'employment-required', 'The person has no active employment with this institution on validFrom.');
  }

  // nobody over 65 is authorised; a period running past the limit ends at it.
  const lastDay = lastAuthorisedDay(person.birthDate);
  if (validFrom > lastDay) {
    violation('R-5.1.2', 'validFrom', 'age-limit', `The person is over 65 on ${validFrom} (last authorised day ${lastDay}).`);
  }
  if (validUntil > lastDay) {
    validUntil = lastDay;
    limitedBy = 'R-5.1.2';
  }

  // trained and examined for this item before being authorised for it.
  const forItem = person.competence.filter((c) => c.itemCode === itemCode && c.completedOn <= validFrom);
  if (!forItem.some((c) => c.kind === 'training' && c.result !== 'failed')) {
    violation('R-5.1.4', 'itemCode', 'training-required', `No completed training for item ${itemCode} on or before ${validFrom}.`);
  }
  if (!forItem.some((c) => c.kind === 'examination' && c.result === 'passed')) {
    violation('R-5.1.4', 'itemCode', 'examination-required', `No passed examination for item ${itemCode} on or before ${validFrom}.`);
  }

  // an authorised signatory holds an engineer title or a registered-metrologist
  // qualification; when only the qualification carries it, the authorisation ends with it.
  if (role === 'authorised-signatory' && !hasEngineerTitle(person.title)) {
    const registration = registeredMetrologistOn(person.qualifications, validFrom);
    if (!registration) {
      violation('R-5.1.3', 'role', 'signatory-qualification', 'An authorised signatory needs an engineer title or a valid registered-metrologist qualification.');
    }
    if (registration.validUntil !== null && registration.validUntil < validUntil) {
      validUntil = registration.validUntil;
      limitedBy = 'R-5.1.3';
    }
  }

  const overlapping = existing.some(
    (a) => a.status === 'active' && a.role === role && a.itemCode === itemCode && a.validFrom <= validUntil && validFrom <= a.validUntil,
  );
  if (overlapping) {
    violation('R-5.1.4', 'validFrom', 'overlapping-authorisation', `The person already holds a ${role} authorisation for ${itemCode} in this period.`);
  }

  return { validFrom, validUntil, limitedBy, qualifiedForResponsible: qualifiedForResponsible(person, validFrom) };
}

/** Why an active authorisation stops applying on `day`, or null while it still applies. */
export function lapseReason(
  authorisation: Pick<AuthorisationPeriod, 'validUntil' | 'status'> & { limitedBy: string | null },
  day: IsoDate,
): { reason: 'expired' | 'age-limit'; endedOn: IsoDate } | null {
  if (authorisation.status !== 'active' || day <= authorisation.validUntil) return null;
  return { reason: authorisation.limitedBy === 'R-5.1.2' ? 'age-limit' : 'expired', endedOn: addDays(authorisation.validUntil, 1) };
}

/** Roles that count as "qualified persons" of an item; a signatory alone does not do the work. */
const staffingRoles: AuthorisationRole[] = ['calibrator', 'checker', 'standard-responsible'];

export interface StaffingAuthorisation {
  personId: string;
  role: AuthorisationRole;
  validFrom: IsoDate;
  validUntil: IsoDate;
  status: 'active' | 'revoked' | 'expired';
}

export interface Staffing {
  authorisedPersons: number;
  hasQualifiedResponsible: boolean;
  adequate: boolean;
}

/**
 * an item needs at least two currently authorised persons, one of them a standard
 * responsible person with an engineer title or registered-metrologist qualification.
 */
export function evaluateStaffing(
  authorisations: StaffingAuthorisation[],
  qualifiedPersons: ReadonlySet<string>,
  day: IsoDate,
): Staffing {
  const current = authorisations.filter(
    (a) => a.status === 'active' && a.validFrom <= day && day <= a.validUntil && staffingRoles.includes(a.role),
  );
  const authorisedPersons = new Set(current.map((a) => a.personId)).size;
  const hasQualifiedResponsible = current.some((a) => a.role === 'standard-responsible' && qualifiedPersons.has(a.personId));
  return { authorisedPersons, hasQualifiedResponsible, adequate: authorisedPersons >= 2 && hasQualifiedResponsible };
}

/** What is wrong with an item's staffing, for the finding it raises. */
export function staffingShortfall(itemCode: string, staffing: Staffing): string | null {
  if (staffing.adequate) return null;
  const problems = [
    ...(staffing.authorisedPersons < 2 ? [`${staffing.authorisedPersons} authorised person(s), at least 2 required`] : []),
    ...(!staffing.hasQualifiedResponsible ? ['no standard responsible person with an engineer title or registered-metrologist qualification'] : []),
  ];
  return `Item ${itemCode}: ${problems.join('; ')} (R-5.1.1).`;
}
