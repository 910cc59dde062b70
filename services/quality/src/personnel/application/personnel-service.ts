import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, Outbox, ProblemException, LabCalendar } from '@calchain/platform';
import { UnitOfWork } from '../../shared/application/unit-of-work';
import { addDays } from '@calchain/platform/calendar';
import { violation } from '../../shared/domain/rule-violation';
import { rememberInstitution } from '../../shared/infrastructure/numbering';
import { PERSONAL_DATA_PROTECTOR, PersonalDataProtector } from '../../shared/infrastructure/personal-data-protector';
import {
  AuthorisationRole, decideGrant, EmploymentType, lapseReason, lastAuthorisedDay, qualifiedForResponsible, QualificationKind, Title,
} from '../domain/personnel';
import { AuthorisationRow, PersonnelRepository, PersonRow } from '../infrastructure/personnel.repository';
import { StaffingService } from './staffing';

export interface NewPerson {
  fullName: string;
  staffNumber: string | null;
  birthDate: string;
  nationalId: string;
  title: Title;
}

export type EndReason = 'revoked' | 'expired' | 'employment-ended' | 'age-limit';

/**
 * Personnel, employment, qualifications, training/examination and per-item authorisations
 * (R-5.1.1..R-5.1.5, R-7.1.3). National ids and registration numbers are encrypted on the way in
 * and never leave: responses carry only whether one is on file.
 */
@Injectable()
export class PersonnelService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly time: LabCalendar,
    private readonly staffing: StaffingService,
    @Inject(PERSONAL_DATA_PROTECTOR) private readonly protector: PersonalDataProtector,
  ) {}

  createPerson(caller: Caller, input: NewPerson) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new PersonnelRepository(em);
      const nationalIdKey = this.protector.identityKey('national-id', input.nationalId);
      if (await repository.personIdByNationalIdKey(nationalIdKey)) {
        throw ProblemException.conflict('A person with this national ID is in the personnel ledger already.');
      }
      const person: PersonRow = {
        id: randomUUID(), fullName: input.fullName, staffNumber: input.staffNumber, birthDate: input.birthDate, title: input.title, createdAt: this.time.now(),
      };
      await repository.insertPerson(caller.tenant, {
        ...person,
        nationalIdCipher: this.protector.encrypt(input.nationalId, 'person.national-id'),
        nationalIdKey,
        createdBy: caller.subject,
      });
      await rememberInstitution(em, caller.tenant);
      return this.ledgerEntry(em, person.id);
    });
  }

  /** employee or agency staff; at most one active employment across the network. */
  startEmployment(caller: Caller, personId: string, input: { employmentType: EmploymentType; onSite: boolean; position: string | null; startedOn: string }) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new PersonnelRepository(em);
      await this.lockedPerson(repository, personId);
      if (await repository.openEmployment(personId)) {
        violation('R-5.1.5', 'personId', 'single-employment', 'The person is employed by this institution already; end that employment first.');
      }
      const employmentId = randomUUID();
      await repository.insertEmployment(caller.tenant, { id: employmentId, personId, ...input, endedOn: null, endReason: null }, caller.subject);
      const keys = [await repository.nationalIdKey(personId), ...(await repository.qualifications([personId])).flatMap((q) => (q.registrationKey ? [q.registrationKey] : []))];
      if (!(await repository.claimNetworkIdentities(caller.tenant, employmentId, keys))) {
        // Which institution is not said: that would tell one institution about another's staff.
        violation('R-5.1.5', 'personId', 'single-employment', 'The person (same national ID or registration number) has an active employment with another institution of the network.');
      }
      return this.ledgerEntry(em, personId);
    });
  }

  /** The employment ends on `endedOn` (its last day); every authorisation of the person ends with it. */
  endEmployment(caller: Caller, personId: string, employmentId: string, input: { endedOn: string; reason: string }) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new PersonnelRepository(em);
      await this.lockedPerson(repository, personId);
      const employment = await repository.openEmployment(personId);
      if (!employment || employment.id !== employmentId) throw ProblemException.notFound('Open employment', employmentId);
      if (input.endedOn < employment.startedOn) violation('R-5.1.2', 'endedOn', 'date-order', 'An employment cannot end before it started.');
      if (input.endedOn > this.time.today()) violation('R-5.1.2', 'endedOn', 'not-in-future', 'Record the end of an employment when it has happened.');
      await repository.endEmployment(employmentId, input.endedOn, input.reason);
      await repository.releaseNetworkIdentities(employmentId);
      const active = await repository.authorisations({ personIds: [personId], activeOnly: true });
      for (const a of active) await this.end(em, caller.tenant, a, 'revoked', 'employment-ended', addDays(input.endedOn, 1), caller.subject);
      await this.staffing.reevaluateIn(em, caller.tenant, active.map((a) => a.itemCode), caller.subject);
      return this.ledgerEntry(em, personId);
    });
  }

  setTitle(caller: Caller, personId: string, title: Title) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new PersonnelRepository(em);
      await this.lockedPerson(repository, personId);
      await repository.setTitle(personId, title);
      await this.staffing.reevaluateIn(em, caller.tenant, await repository.itemsOfPersons([personId]), caller.subject);
      return this.ledgerEntry(em, personId);
    });
  }

  addQualification(
    caller: Caller,
    personId: string,
    input: { kind: QualificationKind; name: string; registrationNumber: string | null; validFrom: string; validUntil: string | null },
  ) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new PersonnelRepository(em);
      await this.lockedPerson(repository, personId);
      if (input.kind !== 'other' && !input.registrationNumber) {
        violation('R-5.1.3', 'registrationNumber', 'required', 'A registered-metrologist qualification needs its registration number.');
      }
      if (input.validUntil !== null && input.validUntil < input.validFrom) violation('R-5.1.3', 'validUntil', 'date-order', 'validUntil is before validFrom.');
      const registrationKey = input.registrationNumber ? this.protector.identityKey('registration-number', input.registrationNumber) : null;
      await repository.insertQualification(caller.tenant, {
        id: randomUUID(),
        personId,
        kind: input.kind,
        name: input.name,
        registrationCipher: input.registrationNumber ? this.protector.encrypt(input.registrationNumber, 'qualification.registration-number') : null,
        registrationKey,
        validFrom: input.validFrom,
        validUntil: input.validUntil,
      }, caller.subject);
      // a registration number identifies the person across the network too.
      const employment = await repository.openEmployment(personId);
      if (employment && registrationKey && !(await repository.claimNetworkIdentities(caller.tenant, employment.id, [registrationKey]))) {
        const own = await em.query(`select 1 from network_employment where identity_key = $1 and employment_id = $2 and active`, [registrationKey, employment.id]);
        if (own.length === 0) {
          violation('R-5.1.5', 'registrationNumber', 'single-employment', 'A person with this registration number has an active employment with another institution of the network.');
        }
      }
      await this.staffing.reevaluateIn(em, caller.tenant, await repository.itemsOfPersons([personId]), caller.subject);
      return this.ledgerEntry(em, personId);
    });
  }

  /** training and examination records, the evidence an authorisation is based on. */
  addCompetence(
    caller: Caller,
    personId: string,
    input: { kind: 'training' | 'examination'; itemCode: string | null; title: string; completedOn: string; result: 'passed' | 'failed' | 'attended'; assessor: string | null },
  ) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new PersonnelRepository(em);
      await this.lockedPerson(repository, personId);
      if (input.completedOn > this.time.today()) violation('R-5.1.4', 'completedOn', 'not-in-future', 'Training and examinations are recorded once they have taken place.');
      if (input.kind === 'examination' && input.result === 'attended') violation('R-5.1.4', 'result', 'examination-result', 'An examination is passed or failed.');
      await repository.insertCompetence(caller.tenant, { id: randomUUID(), personId, ...input }, caller.subject);
      return this.ledgerEntry(em, personId);
    });
  }

  /** ..R-5.1.4: grants a per-item authorisation, publishes it, re-evaluates the item. */
  grant(caller: Caller, personId: string, input: { itemCode: string; role: AuthorisationRole; validFrom: string; validUntil: string }) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new PersonnelRepository(em);
      const person = await this.lockedPerson(repository, personId);
      const [employments, qualifications, competence, existing] = await Promise.all([
        repository.employments([personId]),
        repository.qualifications([personId]),
        repository.competence([personId]),
        repository.authorisations({ personIds: [personId], activeOnly: true }),
      ]);
      const decision = decideGrant(
        input,
        { birthDate: person.birthDate, title: person.title, qualifications, competence, employment: employments.find((e) => e.endedOn === null) ?? null },
        existing,
        this.time.today(),
      );
      const authorisation: AuthorisationRow = {
        id: randomUUID(), personId, itemCode: input.itemCode, role: input.role, ...decision, status: 'active',
        grantedBy: caller.subject, grantedAt: this.time.now(), endedOn: null, endReason: null,
      };
      await repository.ensureItem(caller.tenant, input.itemCode);
      await repository.insertAuthorisation(caller.tenant, authorisation);
      await this.outbox.add(em, {
        type: 'quality.authorisation.granted',
        tenant: caller.tenant,
        aggregateId: authorisation.id,
        payload: this.statePayload(authorisation),
      });
      await this.staffing.reevaluateIn(em, caller.tenant, [input.itemCode], caller.subject);
      return authorisation;
    });
  }

  revoke(caller: Caller, authorisationId: string, reason: string) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new PersonnelRepository(em);
      const authorisation = await repository.authorisation(authorisationId, true);
      if (!authorisation) throw ProblemException.notFound('Authorisation', authorisationId);
      if (authorisation.status !== 'active') throw ProblemException.conflict(`The authorisation is ${authorisation.status} already.`);
      await this.end(em, caller.tenant, authorisation, 'revoked', 'revoked', this.time.today(), caller.subject, reason);
      await this.staffing.reevaluateIn(em, caller.tenant, [authorisation.itemCode], caller.subject);
      return repository.authorisation(authorisationId);
    });
  }

  /** Sweep step: authorisations past their last day lapse (R-5.1.2 age limit, R-5.1.4 validity). */
  async lapseIn(em: EntityManager, tenant: string): Promise<number> {
    const repository = new PersonnelRepository(em);
    const today = this.time.today();
    const lapsed = await repository.lapsedAuthorisations(today);
    for (const a of lapsed) {
      const lapse = lapseReason(a, today)!;
      await this.end(em, tenant, a, 'expired', lapse.reason, lapse.endedOn, 'system:quality-sweep');
    }
    const items = await repository.items();
    await this.staffing.reevaluateIn(em, tenant, items.map((i) => i.code), 'system:quality-sweep');
    return lapsed.length;
  }

  persons(caller: Caller) {
    return this.uow.read(caller.tenant, async (em) => {
      const repository = new PersonnelRepository(em);
      const persons = await repository.persons();
      return Promise.all(persons.map((p) => this.ledgerEntry(em, p.id)));
    });
  }

  person(caller: Caller, personId: string) {
    return this.uow.read(caller.tenant, (em) => this.ledgerEntry(em, personId));
  }

  authorisations(caller: Caller, filter: { itemCode?: string; personId?: string; activeOn?: string }) {
    return this.uow.read(caller.tenant, async (em) => {
      const rows = await new PersonnelRepository(em).authorisations({ itemCode: filter.itemCode, personIds: filter.personId ? [filter.personId] : undefined });
      const on = filter.activeOn;
      return on ? rows.filter((a) => a.status === 'active' && a.validFrom <= on && on <= a.validUntil) : rows;
    });
  }

  items(caller: Caller) {
    return this.uow.read(caller.tenant, (em) => new PersonnelRepository(em).items());
  }

  registerItem(caller: Caller, code: string, title: string | null) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new PersonnelRepository(em);
      await repository.ensureItem(caller.tenant, code, title);
      await rememberInstitution(em, caller.tenant);
      // A new item has nobody authorised yet: its (inadequate) staffing is published at once.
      await this.staffing.reevaluateIn(em, caller.tenant, [code], caller.subject);
      return repository.item(code);
    });
  }

  private async end(
    em: EntityManager, tenant: string, a: AuthorisationRow, status: 'revoked' | 'expired', reason: EndReason, endedOn: string, actor: string, note?: string,
  ): Promise<void> {
    await new PersonnelRepository(em).endAuthorisation(a.id, status, endedOn, note ? `${reason}: ${note}` : reason, actor);
    await this.outbox.add(em, {
      type: 'quality.authorisation.revoked',
      tenant,
      aggregateId: a.id,
      payload: { ...this.statePayload(a), reason, endedOn },
    });
  }

  private statePayload(a: AuthorisationRow) {
    return {
      authorisationId: a.id, personId: a.personId, itemCode: a.itemCode, role: a.role, validFrom: a.validFrom, validUntil: a.validUntil,
      qualifiedForResponsible: a.qualifiedForResponsible,
    };
  }

  private async lockedPerson(repository: PersonnelRepository, personId: string): Promise<PersonRow> {
    const person = await repository.person(personId, true);
    if (!person) throw ProblemException.notFound('Person', personId);
    return person;
  }

  /** personnel ledger entry: status, permissions, competence. No national id, no registration number. */
  private async ledgerEntry(em: EntityManager, personId: string) {
    const repository = new PersonnelRepository(em);
    const person = await repository.person(personId);
    if (!person) throw ProblemException.notFound('Person', personId);
    const today = this.time.today();
    const [employments, qualifications, competence, authorisations] = await Promise.all([
      repository.employments([personId]),
      repository.qualifications([personId]),
      repository.competence([personId]),
      repository.authorisations({ personIds: [personId] }),
    ]);
    const current = employments.find((e) => e.endedOn === null) ?? null;
    return {
      ...person,
      nationalIdOnFile: true,
      lastAuthorisableDay: lastAuthorisedDay(person.birthDate),
      qualifiedForResponsible: qualifiedForResponsible({ title: person.title, qualifications }, today),
      status: current ? 'employed' : 'not-employed',
      employment: current,
      employments,
      qualifications: qualifications.map(({ registrationKey, ...q }) => ({ ...q, registrationNumberOnFile: registrationKey !== null })),
      competence,
      authorisations,
    };
  }
}
