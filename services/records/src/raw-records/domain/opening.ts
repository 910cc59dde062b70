import { AuthorisationRow, EquipmentRow, MethodRow, OnSiteClearanceRow, StandardRow } from './reference';
import { Violation, violation } from './rules';

/**
 * R-5.2.1, R-5.2.4: a record may cite a method version only while it is verified or validated, in
 * force on the day, and not withdrawn.
 */
export function methodProblems(method: MethodRow | undefined, code: string, version: string, today: string): Violation[] {
  if (!method) return [violation('R-5.2.1', 'methodVersion', 'known-method', `method ${code} version ${version} is not in the method library`)];
  const out: Violation[] = [];
  if (!method.usable || !['verified', 'validated'].includes(method.status)) {
    out.push(violation('R-5.2.4', 'methodVersion', 'verified-method', `method ${code} version ${version} is ${method.status} and may not be used`));
  }
  if (method.effectiveFrom > today) out.push(violation('R-5.2.1', 'methodVersion', 'in-force', `method ${code} version ${version} is in force only from ${method.effectiveFrom}`));
  if (method.withdrawnOn !== null && method.withdrawnOn <= today) {
    out.push(violation('R-5.2.3', 'methodVersion', 'not-withdrawn', `method ${code} version ${version} was withdrawn on ${method.withdrawnOn}`));
  }
  if (!method.measurementModel) out.push(violation('R-6.3.2', 'methodVersion', 'measurement-model', `method ${code} version ${version} has no measurement model to evaluate`));
  if (method.readings.length === 0) out.push(violation('R-6.3.2', 'methodVersion', 'readings', `method ${code} version ${version} defines no readings`));
  return out;
}

/**
 * R-5.3.2, R-5.5.3: every piece of equipment used must be in service and in date on the day:
 * usable as equipment last announced, and its calibration not due before today.
 */
export function equipmentProblems(ids: readonly string[], rows: ReadonlyMap<string, EquipmentRow>, today: string, field = 'equipmentIds'): Violation[] {
  const out: Violation[] = [];
  ids.forEach((id, i) => {
    const row = rows.get(id);
    if (!row) {
      out.push(violation('R-5.3.2', `${field}.${i}`, 'known-equipment', `equipment ${id} is not in the equipment ledger`));
    } else if (!row.usable) {
      out.push(violation('R-5.3.2', `${field}.${i}`, 'equipment-usable', `equipment ${row.assetNumber} is ${row.status} (${row.reason}) and may not be used`));
    } else if (row.dueDate !== null && row.dueDate < today) {
      out.push(violation('R-5.3.2', `${field}.${i}`, 'calibration-in-date', `equipment ${row.assetNumber} was due for calibration on ${row.dueDate}`));
    }
  });
  return out;
}

/**
 * R-4.1.2, R-5.3.2: every measurement standard used must be valid (certificates present and in
 * date, not suspended, all its equipment usable) on the day, and its authorised scope must cover
 * the method and the kind of service.
 */
export function standardProblems(
  ids: readonly string[],
  rows: ReadonlyMap<string, StandardRow>,
  today: string,
  methodCode: string,
  serviceKind: string,
): Violation[] {
  const out: Violation[] = [];
  ids.forEach((id, i) => {
    const row = rows.get(id);
    const field = `standardIds.${i}`;
    if (!row) {
      out.push(violation('R-4.1.2', field, 'known-standard', `measurement standard ${id} is not known`));
      return;
    }
    if (!row.valid) {
      out.push(violation('R-4.1.2', field, 'standard-valid', `measurement standard ${row.code} is not valid: ${row.invalidReasons.join('; ') || 'no reason given'}`));
    } else if (row.validUntil === null || row.validUntil < today) {
      out.push(violation('R-4.1.2', field, 'certificate-in-date', `measurement standard ${row.code}: ${row.validUntil ? `its certificates expired on ${row.validUntil}` : 'a required certificate is missing'}`));
    }
    const covers = row.items.some(
      (item) => item.serviceKinds.includes(serviceKind) && (item.methodCodes.length === 0 || item.methodCodes.includes(methodCode)),
    );
    if (!covers) {
      out.push(violation('R-4.1.2', field, 'scope-covers-method', `the authorised scope of measurement standard ${row.code} does not cover ${serviceKind} by ${methodCode}`));
    }
  });
  return out;
}

/**
 * R-5.1.4: records can only be made by persons authorised for that item on that date: a
 * granted authorisation in the role, valid from/until (inclusive) and not ended on or before the day.
 */
export function findAuthorisation(rows: readonly AuthorisationRow[], personId: string, itemCode: string, role: string, day: string): AuthorisationRow | undefined {
  return rows.find(
    (a) => a.personId === personId && a.itemCode === itemCode && a.role === role && a.validFrom <= day && day <= a.validUntil && (a.endedOn === null || day < a.endedOn),
  );
}

export function authorisationProblem(
  rows: readonly AuthorisationRow[],
  personId: string,
  itemCode: string,
  role: 'calibrator' | 'checker',
  day: string,
): { authorisation: AuthorisationRow } | { problem: Violation } {
  const authorisation = findAuthorisation(rows, personId, itemCode, role, day);
  if (authorisation) return { authorisation };
  const ended = rows.find((a) => a.personId === personId && a.itemCode === itemCode && a.role === role);
  const why = ended
    ? ended.endedOn !== null && ended.endedOn <= day
      ? `the authorisation ended on ${ended.endedOn} (${ended.endReason})`
      : `the authorisation is valid ${ended.validFrom}..${ended.validUntil}`
    : 'no authorisation is on record';
  return { problem: violation('R-5.1.4', 'person', `authorised-${role}`, `person ${personId} is not authorised as ${role} for item ${itemCode} on ${day}: ${why}`) };
}

/**
 * R-5.4.4, R-6.2.4: on-site measurement starts only once intake cleared it; where the site does
 * not meet the method, the clearance carries the technical manager's and the customer's consent.
 */
export function onSiteProblem(clearance: OnSiteClearanceRow | undefined, itemId: string): Violation | null {
  if (!clearance) return violation('R-5.4.4', 'placeOfWork', 'on-site-cleared', `on-site measurement of item ${itemId} has not been cleared by intake`);
  if (!clearance.conditionsMeetMethod && (!clearance.technicalManagerConsentBy || !clearance.customerConsentId)) {
    return violation('R-5.4.4', 'placeOfWork', 'on-site-consents', `the site does not meet the method and the technical manager's and customer's consents are not both recorded`);
  }
  return null;
}
