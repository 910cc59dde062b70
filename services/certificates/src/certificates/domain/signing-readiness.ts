import { RuleBreach } from './rules';
import { SignatoryVerdict } from './signatory';

/** after this many wrong PINs in a row signing is locked until the signatory re-enrols. */
export const MAX_PIN_FAILURES = 5;

/**
 * One reason signing is refused: a rule of the standard (422) or a state of the certificate that
 * signing cannot change (409). The same objects refuse the signature and warn before the PIN.
 */
export interface SigningRefusal extends RuleBreach {
  status: 409 | 422;
}

/** The signatory's signing PIN as far as it can be told without the PIN itself. */
export type PinState = 'not-enrolled' | 'locked' | 'enrolled';

/** What the signatory profile says: no profile is no PIN; too many wrong PINs lock it. */
export function pinState(failedTries: number | null): PinState {
  if (failedTries === null) return 'not-enrolled';
  return failedTries >= MAX_PIN_FAILURES ? 'locked' : 'enrolled';
}

/** What signing this certificate now depends on, besides the PIN typed. */
export type CertificateFacts =
  | { status: 'issued' | 'void'; number: string | null }
  | {
      status: 'draft';
      recordVersion: number;
      /** A later version of the same record, whose certificate is the one to sign (R-6.4.4.3). */
      newerRecordVersion: number | null;
      signatory: SignatoryVerdict;
      signingKey: boolean;
      institutionCa: boolean;
      breaches: RuleBreach[];
      /** For a reissue, the certificate it replaces; null for anything else. */
      replaced: { number: string | null; status: string | null } | null;
    };

export interface SigningFacts {
  pin: PinState;
  certificate: CertificateFacts;
}

const pinRefusal = (message: string): SigningRefusal => ({ requirement: 'R-6.4.5', field: 'pin', rule: 're-authentication', message, status: 422 });

/** the PIN state alone refuses signing when there is no PIN or it is locked; a wrong PIN is told only at signing. */
export function pinRefusals(pin: PinState): SigningRefusal[] {
  if (pin === 'not-enrolled') return [pinRefusal('the signatory has not enrolled a signing PIN')];
  if (pin === 'locked') return [pinRefusal('signing is locked after repeated wrong PINs; re-enrol with the technical manager')];
  return [];
}

/**
 * Every reason signing would be refused, in the order signing checks them, so the first is the one
 * signing throws: the PIN, the certificate being a draft of the current record
 * version (R-6.4.4.3), the caller as authorised signatory for the item, the signing key and
 * the institution CA, the content rules (R-6.4.2.x), and a reissue's original still issued
 * (R-6.4.4.3). An issued or void certificate is refused as such and nothing further is asked of it.
 */
export function signingRefusals(facts: SigningFacts): SigningRefusal[] {
  const out = pinRefusals(facts.pin);
  const c = facts.certificate;
  if (c.status !== 'draft') {
    return [...out, { requirement: 'R-6.4.4', field: 'status', rule: 'sign-drafts-only', message: `certificate ${c.number} is already ${c.status}`, status: 409 }];
  }
  if (c.newerRecordVersion !== null) {
    out.push({
      requirement: 'R-6.4.4.3', field: 'recordVersion', rule: 'current-record-version', status: 409,
      message: `record version ${c.recordVersion} was corrected by version ${c.newerRecordVersion}; sign the certificate of the corrected record`,
    });
  }
  if (!c.signatory.ok) out.push({ requirement: 'R-5.1.3', field: 'signatory', rule: c.signatory.rule, message: c.signatory.message, status: 422 });
  if (!c.signingKey) out.push({ requirement: 'R-6.4.5', field: 'signatory', rule: 'signing-key', message: 'no signing key is provisioned for this signatory', status: 422 });
  if (!c.institutionCa) out.push({ requirement: 'R-6.4.5', field: 'signatory', rule: 'institution-ca', message: 'no institution CA key is provisioned to certify signing keys', status: 422 });
  out.push(...c.breaches.map((b) => ({ ...b, status: 422 as const })));
  if (c.replaced && c.replaced.status !== 'issued') {
    out.push({
      requirement: 'R-6.4.4.3', field: 'replaces', rule: 'replaced-is-issued', status: 409,
      message: `certificate ${c.replaced.number} is ${c.replaced.status} and cannot be replaced`,
    });
  }
  return out;
}
