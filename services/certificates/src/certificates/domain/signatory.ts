/** One authorisation of the read model fed by quality.authorisation.* events. */
export interface SignatoryAuthorisation {
  itemCode: string;
  validFrom: string;
  validUntil: string;
  endedOn: string | null;
  qualifiedForResponsible: boolean;
}

/** Whether a person may sign for an item today, and if not, which rule of says no. */
export type SignatoryVerdict = { ok: true } | { ok: false; rule: string; message: string };

/**
 * the signatory holds a current authorised-signatory authorisation for this item, with the
 * engineer title or registered-metrologist qualification, on the day of signing.
 */
export function maySign(auths: SignatoryAuthorisation[], itemCode: string | null, on: string): SignatoryVerdict {
  if (!itemCode) return { ok: false, rule: 'item-code-known', message: 'the item code the work was authorised under is unknown; no signatory can be checked' };
  const forItem = auths.filter((a) => a.itemCode === itemCode && a.validFrom <= on && on <= a.validUntil && (a.endedOn === null || on < a.endedOn));
  if (forItem.length === 0) return { ok: false, rule: 'authorised-signatory', message: `no current authorised-signatory authorisation for ${itemCode}` };
  if (!forItem.some((a) => a.qualifiedForResponsible)) {
    return { ok: false, rule: 'signatory-qualification', message: 'the signatory lacks the engineer title or registered-metrologist qualification' };
  }
  return { ok: true };
}
