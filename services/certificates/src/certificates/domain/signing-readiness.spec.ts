import { RuleBreach } from './rules';
import { CertificateFacts, MAX_PIN_FAILURES, pinState, SigningFacts, signingRefusals } from './signing-readiness';

type Draft = Extract<CertificateFacts, { status: 'draft' }>;

const ready: Draft = {
  status: 'draft', recordVersion: 1, newerRecordVersion: null, signatory: { ok: true }, signingKey: true, institutionCa: true, breaches: [], replaced: null,
};
const facts = (draft: Partial<Draft> = {}, pin: SigningFacts['pin'] = 'enrolled'): SigningFacts => ({ pin, certificate: { ...ready, ...draft } });
const rules = (f: SigningFacts) => signingRefusals(f).map((r) => [r.requirement, r.rule, r.field, r.status]);
const breach: RuleBreach = { requirement: 'R-6.4.2.4', field: 'results', rule: 'before-after-pair', message: 'the point 5 mm has a result only before adjustment; both are reported' };

describe('signing readiness: why signing would be refused, before the PIN is typed', () => {
  it('a current draft, an authorised signatory with an enrolled PIN, keys and clean content: nothing refuses', () => {
    expect(signingRefusals(facts())).toEqual([]);
    expect(signingRefusals(facts({ replaced: { number: 'HD-2026-000001', status: 'issued' } }))).toEqual([]);
  });

  it('R-6.4.5 refuses without an enrolled PIN, and once the PIN is locked after repeated wrong PINs', () => {
    expect([pinState(null), pinState(0), pinState(MAX_PIN_FAILURES - 1), pinState(MAX_PIN_FAILURES)]).toEqual(['not-enrolled', 'enrolled', 'enrolled', 'locked']);
    expect(signingRefusals(facts({}, 'not-enrolled'))).toEqual([
      { requirement: 'R-6.4.5', field: 'pin', rule: 're-authentication', message: 'the signatory has not enrolled a signing PIN', status: 422 },
    ]);
    expect(signingRefusals(facts({}, 'locked'))).toEqual([
      { requirement: 'R-6.4.5', field: 'pin', rule: 're-authentication', message: 'signing is locked after repeated wrong PINs; re-enrol with the technical manager', status: 422 },
    ]);
  });

  it('R-6.4.4 an issued or void certificate is refused as not a draft (409), and nothing else is asked of it', () => {
    expect(signingRefusals({ pin: 'enrolled', certificate: { status: 'issued', number: 'HD-2026-000007' } })).toEqual([
      { requirement: 'R-6.4.4', field: 'status', rule: 'sign-drafts-only', message: 'certificate HD-2026-000007 is already issued', status: 409 },
    ]);
    expect(rules({ pin: 'locked', certificate: { status: 'void', number: 'HD-2026-000001' } })).toEqual([
      ['R-6.4.5', 're-authentication', 'pin', 422], ['R-6.4.4', 'sign-drafts-only', 'status', 409],
    ]);
  });

  it('R-6.4.4.3 a draft of a record version since corrected is refused (409), naming the newer version', () => {
    expect(signingRefusals(facts({ recordVersion: 1, newerRecordVersion: 2 }))).toEqual([{
      requirement: 'R-6.4.4.3', field: 'recordVersion', rule: 'current-record-version', status: 409,
      message: 'record version 1 was corrected by version 2; sign the certificate of the corrected record',
    }]);
  });

  it('R-5.1.3 refuses a caller who is not a current authorised signatory for the item, or lacks the qualification, by the rule maySign names', () => {
    for (const rule of ['authorised-signatory', 'signatory-qualification', 'item-code-known']) {
      expect(signingRefusals(facts({ signatory: { ok: false, rule, message: `no: ${rule}` } }))).toEqual([
        { requirement: 'R-5.1.3', field: 'signatory', rule, message: `no: ${rule}`, status: 422 },
      ]);
    }
  });

  it('R-6.4.5 refuses without a signing key or an institution CA key', () => {
    expect(signingRefusals(facts({ signingKey: false }))).toEqual([
      { requirement: 'R-6.4.5', field: 'signatory', rule: 'signing-key', message: 'no signing key is provisioned for this signatory', status: 422 },
    ]);
    expect(signingRefusals(facts({ institutionCa: false }))).toEqual([
      { requirement: 'R-6.4.5', field: 'signatory', rule: 'institution-ca', message: 'no institution CA key is provisioned to certify signing keys', status: 422 },
    ]);
  });

  it('R-6.4.2.x passes every content breach on as it is, each a 422', () => {
    const second = { ...breach, requirement: 'R-6.4.2.3', field: 'decisionRule', rule: 'decision-rule-agreed', message: 'a conformity statement needs the decision rule agreed at contract review' };
    expect(signingRefusals(facts({ breaches: [breach, second] }))).toEqual([{ ...breach, status: 422 }, { ...second, status: 422 }]);
  });

  it('R-6.4.4.3 a reissue whose original is no longer issued is refused (409)', () => {
    expect(signingRefusals(facts({ replaced: { number: 'HD-2026-000001', status: 'void' } }))).toEqual([{
      requirement: 'R-6.4.4.3', field: 'replaces', rule: 'replaced-is-issued', status: 409, message: 'certificate HD-2026-000001 is void and cannot be replaced',
    }]);
  });

  it('R-6.4.5 R-6.4.4.3 R-5.1.3 R-6.4.2.x lists every refusal in the order signing checks them, so the first is the one signing throws', () => {
    const all = facts({
      newerRecordVersion: 3, signatory: { ok: false, rule: 'authorised-signatory', message: 'no current authorised-signatory authorisation for JJG 21-2008' },
      signingKey: false, institutionCa: false, breaches: [breach], replaced: { number: 'HD-2026-000001', status: 'void' },
    }, 'locked');
    expect(rules(all)).toEqual([
      ['R-6.4.5', 're-authentication', 'pin', 422],
      ['R-6.4.4.3', 'current-record-version', 'recordVersion', 409],
      ['R-5.1.3', 'authorised-signatory', 'signatory', 422],
      ['R-6.4.5', 'signing-key', 'signatory', 422],
      ['R-6.4.5', 'institution-ca', 'signatory', 422],
      ['R-6.4.2.4', 'before-after-pair', 'results', 422],
      ['R-6.4.4.3', 'replaced-is-issued', 'replaces', 409],
    ]);
  });
});
