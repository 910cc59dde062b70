import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, ProblemException, TenantTransactions } from '@calchain/platform';
import { CERTIFICATE_SETTINGS, CertificateSettings } from '../../shared/settings';
import { customerScope, visibleTo } from '../domain/audience';
import { labDate } from '../domain/numbering';
import { RuleBreach } from '../domain/rules';
import { maySign } from '../domain/signatory';
import { CertificateFacts, pinState, SigningRefusal, signingRefusals } from '../domain/signing-readiness';
import * as repo from '../infrastructure/certificate.repository';
import { KeyStore } from '../infrastructure/key-store';
import { breachProblem } from './drafts.service';
import { IssueBasis, loadIssueBasis } from './issue-basis';

/**
 * Everything signing this certificate now depends on besides the PIN, read once for signing and for
 * the readiness check so both judge the same facts. An issued or void certificate is not read
 * further. `lock` locks a replaced original for the signing transaction; the readiness check only reads.
 */
export async function certificateFacts(
  em: EntityManager, caller: Caller, row: repo.CertificateRow, today: string, keys: KeyStore, lock = false,
): Promise<{ facts: CertificateFacts; basis: IssueBasis | null }> {
  if (row.status !== 'draft') return { facts: { status: row.status, number: row.number }, basis: null };
  const [newer] = await em.query(`select record_version from certificate where record_id = $1 and record_version > $2 limit 1`, [row.record_id, row.record_version]);
  const signatory = maySign(await repo.signatoryAuthorisations(em, caller.subject), row.item_code, today);
  // The same derivation as signing and the draft preview (R-6.4.2.3 statements, R-6.4.1 kind, R-6.4.4 remarks).
  const basis = await loadIssueBasis(em, row, lock);
  const original = basis.original;
  return {
    facts: {
      status: 'draft', recordVersion: row.record_version, newerRecordVersion: newer?.record_version ?? null, signatory,
      signingKey: keys.has(caller.tenant, caller.subject), institutionCa: keys.hasCa(caller.tenant), breaches: basis.breaches,
      replaced: row.replaces ? { number: original?.number ?? null, status: original?.status ?? null } : null,
    },
    basis,
  };
}

const sameRule = (a: RuleBreach, b: RuleBreach) => a.requirement === b.requirement && a.rule === b.rule && a.field === b.field && a.message === b.message;

/**
 * A refusal as signing answers it: content breaches all together (as the draft view lists them), a
 * rule of the standard as 422, a certificate signing cannot change as 409, each naming its requirement.
 */
export function refusalProblem(refusal: SigningRefusal, breaches: RuleBreach[]): ProblemException {
  if (breaches[0] && sameRule(refusal, breaches[0])) return breachProblem(breaches);
  if (refusal.status === 422) return ProblemException.ruleViolation(refusal.requirement, refusal.message, refusal.field, refusal.rule);
  const problem = ProblemException.conflict(refusal.message);
  problem.problem.requirement = refusal.requirement;
  problem.problem.errors = [{ field: refusal.field, rule: refusal.rule, message: refusal.message, requirement: refusal.requirement }];
  return problem;
}

/**
 * Whether signing a certificate would be refused for the caller, and why, before they type their PIN
 * (R-5.1.3, R-6.4.5, R-6.4.2.x, R-6.4.4): the same rule signing applies, without the PIN check itself.
 * It is a read: nothing is locked, written, logged or published, and no key is generated.
 */
@Injectable()
export class SigningReadinessService {
  constructor(
    private readonly tx: TenantTransactions,
    @Inject(CERTIFICATE_SETTINGS) private readonly settings: CertificateSettings,
    private readonly keys: KeyStore,
  ) {}

  check(caller: Caller, id: string) {
    return this.tx.read(caller.tenant, async (em) => {
      // What the check reads it never writes: the database refuses any write in this transaction.
      await em.query('set transaction read only');
      const row = await repo.findCertificate(em, id);
      // what the caller may not see does not exist (customers are refused by role before this).
      if (!row || !visibleTo(customerScope(caller), row)) throw ProblemException.notFound('Certificate', id);
      const [profile] = await em.query(`select failed_tries from signatory_profile where person_id = $1`, [caller.subject]);
      const { facts } = await certificateFacts(em, caller, row, labDate(new Date(), this.settings.timeZone), this.keys);
      const refusals = signingRefusals({ pin: pinState(profile ? Number(profile.failed_tries) : null), certificate: facts });
      // The HTTP status signing would answer with is signing's business, not the signatory's.
      return {
        certificateId: id, status: row.status, canSign: refusals.length === 0,
        refusals: refusals.map(({ requirement, rule, field, message }) => ({ requirement, rule, field, message })),
      };
    });
  }
}
