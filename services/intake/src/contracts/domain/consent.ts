import { randomUUID } from 'node:crypto';
import { IsoDate } from '@calchain/platform/calendar';
import { violation } from '../../shared/domain/rule-violation';

export type ConsentSubject = 'subcontracting' | 'deviation' | 'adjustment' | 'on-site-impact';
export type ConsentForm = 'written' | 'oral-recorded' | 'electronic';

/**
 * A customer's recorded decision (R-6.1.2 subcontracting, R-6.1.3 deviations, R-6.2.3 adjusting an
 * item, R-5.4.4 on-site conditions). Immutable once recorded. The person who consented appears
 * as the id of a customer contact only; names and phone numbers stay in the contact record.
 */
export interface CustomerConsent {
  id: string;
  customerId: string;
  contractId: string;
  subject: ConsentSubject;
  subjectId: string;
  decision: 'granted' | 'refused';
  form: ConsentForm;
  givenOn: IsoDate;
  contactId: string | null;
  /** Where the consent is kept: a signed form's number, a recorded call's id, an e-mail reference. */
  reference: string | null;
  recordedBy: string;
  recordedAt: Date;
}

export interface ConsentInput {
  decision: 'granted' | 'refused';
  form: ConsentForm;
  givenOn: IsoDate;
  contactId: string | null;
  reference: string | null;
}

export function recordConsent(
  input: ConsentInput,
  context: { customerId: string; contractId: string; subject: ConsentSubject; subjectId: string; requirement: string; recordedBy: string; now: Date; today: IsoDate; contactIds: string[] },
): CustomerConsent {
  if (input.givenOn > context.today) violation(context.requirement, 'consent.givenOn', 'not-in-future', `consent cannot be given after today (${context.today})`);
  if (input.contactId !== null && !context.contactIds.includes(input.contactId)) {
    violation(context.requirement, 'consent.contactId', 'contact-of-customer', `contact ${input.contactId} is not a contact of the customer`);
  }
  if (input.form !== 'written' && input.reference === null) {
    violation(context.requirement, 'consent.reference', 'evidence-required', `${input.form} consent needs a reference to where it is kept`);
  }
  return { id: randomUUID(), customerId: context.customerId, contractId: context.contractId, subject: context.subject, subjectId: context.subjectId, ...input, recordedBy: context.recordedBy, recordedAt: context.now };
}
