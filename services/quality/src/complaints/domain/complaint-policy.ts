import { ComplaintChannel, ComplaintChannels } from './complaint';

/** Where the institution can be reached with a complaint: institution data the lab publishes, never a person's. */
export interface ComplaintContacts {
  phone: string | null;
  email: string | null;
  postalAddress: string | null;
  officeHours: string | null;
}

/**
 * The handling flow published when the institution has not written its own, as stable codes the
 * console translates. Each step is what the complaint use cases actually do (complaint.ts):
 * - received: registered with a reference number; the time limit runs from receipt and
 *   the complainant may ask for confidentiality;
 * - handler-assigned: the quality supervisor or technical manager names the handler; a confidential
 *   complainant is then visible to the assigned handlers only;
 * - investigated: the handler investigates and contacts the complainant where needed;
 * - extension-agreed-in-advance: a limit that cannot be kept is explained and a new one agreed
 *   before it runs out, never after (R-8.3.2, decideExtension);
 * - answered: the outcome and the reply to the complainant are recorded (decideClose);
 * - closed-archived: the record and every step are archived; an upheld complaint opens
 *   a finding and, if needed, a corrective action.
 */
export const DEFAULT_COMPLAINT_FLOW = ['received', 'handler-assigned', 'investigated', 'extension-agreed-in-advance', 'answered', 'closed-archived'] as const;

export type ComplaintFlowKind = 'default-codes' | 'institution-text';

/**
 * R-8.3.1 "effective, convenient channels": publish only a channel a complainant can actually use.
 * The web form is always there (the gateway serves it) and so is a visit in person; telephone,
 * e-mail and letters only once the institution has published the number or address to use.
 * Sites are the gateway's registry data, not quality's: the console adds them for letters and visits.
 */
export function usableChannels(contacts: Pick<ComplaintContacts, 'phone' | 'email' | 'postalAddress'>): ComplaintChannel[] {
  const usable: Record<ComplaintChannel, boolean> = {
    'web-form': true,
    phone: contacts.phone !== null,
    mail: contacts.postalAddress !== null,
    email: contacts.email !== null,
    'in-person': true,
  };
  return ComplaintChannels.filter((c) => usable[c]);
}

/** the published flow: the institution's own steps as written, else the default codes. */
export function publishedFlow(flow: readonly string[] | null): { flow: string[]; flowKind: ComplaintFlowKind } {
  return flow && flow.length > 0 ? { flow: [...flow], flowKind: 'institution-text' } : { flow: [...DEFAULT_COMPLAINT_FLOW], flowKind: 'default-codes' };
}
