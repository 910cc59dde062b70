import { EntityManager } from 'typeorm';
import { AuthorisationRole, CompetenceRecord, EmploymentType, Qualification, QualificationKind, Title } from '../domain/personnel';

const d = (column: string, alias: string) => `to_char(${column}, 'YYYY-MM-DD') as "${alias}"`;

/** The person as stored; the national id only as ciphertext and lookup key, never plain. */
export interface PersonRow {
  id: string;
  fullName: string;
  staffNumber: string | null;
  birthDate: string;
  title: Title;
  createdAt: Date;
}

export interface EmploymentRow {
  id: string;
  personId: string;
  employmentType: EmploymentType;
  onSite: boolean;
  position: string | null;
  startedOn: string;
  endedOn: string | null;
  endReason: string | null;
}

export interface QualificationRow extends Qualification {
  id: string;
  personId: string;
  name: string;
  registrationKey: string | null;
}

export interface CompetenceRow extends CompetenceRecord {
  id: string;
  personId: string;
  title: string;
  assessor: string | null;
}

export interface AuthorisationRow {
  id: string;
  personId: string;
  itemCode: string;
  role: AuthorisationRole;
  validFrom: string;
  validUntil: string;
  limitedBy: string | null;
  qualifiedForResponsible: boolean;
  status: 'active' | 'revoked' | 'expired';
  grantedBy: string;
  grantedAt: Date;
  endedOn: string | null;
  endReason: string | null;
}

export interface ServiceItemRow {
  code: string;
  title: string | null;
  authorisedPersons: number;
  hasQualifiedResponsible: boolean;
  adequate: boolean;
  evaluatedOn: string | null;
  openFindingId: string | null;
}

const personColumns = `id, full_name as "fullName", staff_number as "staffNumber", ${d('birth_date', 'birthDate')}, title, created_at as "createdAt"`;
const employmentColumns = `id, person_id as "personId", employment_type as "employmentType", on_site as "onSite", position,
  ${d('started_on', 'startedOn')}, ${d('ended_on', 'endedOn')}, end_reason as "endReason"`;
const qualificationColumns = `id, person_id as "personId", kind, name, registration_key as "registrationKey", ${d('valid_from', 'validFrom')}, ${d('valid_until', 'validUntil')}`;
const competenceColumns = `id, person_id as "personId", kind, item_code as "itemCode", title, ${d('completed_on', 'completedOn')}, result, assessor`;
const authorisationColumns = `id, person_id as "personId", item_code as "itemCode", role, ${d('valid_from', 'validFrom')}, ${d('valid_until', 'validUntil')},
  limited_by as "limitedBy", qualified_for_responsible as "qualifiedForResponsible", status, granted_by as "grantedBy", granted_at as "grantedAt",
  ${d('ended_on', 'endedOn')}, end_reason as "endReason"`;
const itemColumns = `code, title, authorised_persons as "authorisedPersons", has_qualified_responsible as "hasQualifiedResponsible", adequate,
  ${d('evaluated_on', 'evaluatedOn')}, open_finding_id as "openFindingId"`;

/** Personnel ledger of one institution (row-level security) plus the network employment registry. */
export class PersonnelRepository {
  constructor(private readonly em: EntityManager) {}

  async insertPerson(
    tenantId: string,
    p: PersonRow & { nationalIdCipher: string; nationalIdKey: string; createdBy: string },
  ): Promise<void> {
    await this.em.query(
      `insert into person (id, tenant_id, full_name, staff_number, birth_date, national_id_cipher, national_id_key, title, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [p.id, tenantId, p.fullName, p.staffNumber, p.birthDate, p.nationalIdCipher, p.nationalIdKey, p.title, p.createdBy, p.createdAt],
    );
  }

  async personIdByNationalIdKey(key: string): Promise<string | null> {
    const [row] = await this.em.query(`select id from person where national_id_key = $1`, [key]);
    return row?.id ?? null;
  }

  /** Locks the person: grants, employment and qualification changes of one person run one at a time. */
  async person(id: string, lock = false): Promise<PersonRow | null> {
    const [row] = await this.em.query(`select ${personColumns} from person where id = $1 ${lock ? 'for update' : ''}`, [id]);
    return row ?? null;
  }

  async nationalIdKey(personId: string): Promise<string> {
    const [row] = await this.em.query(`select national_id_key as key from person where id = $1`, [personId]);
    return row.key;
  }

  async persons(): Promise<PersonRow[]> {
    return this.em.query(`select ${personColumns} from person order by full_name, id`);
  }

  async setTitle(personId: string, title: Title): Promise<void> {
    await this.em.query(`update person set title = $2 where id = $1`, [personId, title]);
  }

  async employments(personIds: string[]): Promise<EmploymentRow[]> {
    return this.em.query(`select ${employmentColumns} from employment where person_id = any($1::uuid[]) order by started_on`, [personIds]);
  }

  async openEmployment(personId: string): Promise<EmploymentRow | null> {
    const [row] = await this.em.query(`select ${employmentColumns} from employment where person_id = $1 and ended_on is null`, [personId]);
    return row ?? null;
  }

  async insertEmployment(tenantId: string, e: EmploymentRow, createdBy: string): Promise<void> {
    await this.em.query(
      `insert into employment (id, tenant_id, person_id, employment_type, on_site, position, started_on, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.id, tenantId, e.personId, e.employmentType, e.onSite, e.position, e.startedOn, createdBy],
    );
  }

  async endEmployment(employmentId: string, endedOn: string, reason: string): Promise<void> {
    await this.em.query(`update employment set ended_on = $2, end_reason = $3 where id = $1`, [employmentId, endedOn, reason]);
  }

  /**
   * claims the identities for this employment in the network registry. Returns false when
   * any of them is actively employed already (here or by another institution); the caller then
   * aborts its transaction, which also releases the claims made so far.
   */
  async claimNetworkIdentities(institutionId: string, employmentId: string, identityKeys: string[]): Promise<boolean> {
    for (const key of new Set(identityKeys)) {
      const claimed = await this.em.query(
        `insert into network_employment (identity_key, institution_id, employment_id) values ($1, $2, $3)
         on conflict (identity_key) where active do nothing returning identity_key`,
        [key, institutionId, employmentId],
      );
      if (claimed.length === 0) return false;
    }
    return true;
  }

  async releaseNetworkIdentities(employmentId: string): Promise<void> {
    await this.em.query(`update network_employment set active = false, ended_at = now() where employment_id = $1 and active`, [employmentId]);
  }

  async qualifications(personIds: string[]): Promise<QualificationRow[]> {
    return this.em.query(`select ${qualificationColumns} from qualification where person_id = any($1::uuid[]) order by valid_from`, [personIds]);
  }

  async insertQualification(
    tenantId: string,
    q: { id: string; personId: string; kind: QualificationKind; name: string; registrationCipher: string | null; registrationKey: string | null; validFrom: string; validUntil: string | null },
    createdBy: string,
  ): Promise<void> {
    await this.em.query(
      `insert into qualification (id, tenant_id, person_id, kind, name, registration_number_cipher, registration_key, valid_from, valid_until, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [q.id, tenantId, q.personId, q.kind, q.name, q.registrationCipher, q.registrationKey, q.validFrom, q.validUntil, createdBy],
    );
  }

  async competence(personIds: string[]): Promise<CompetenceRow[]> {
    return this.em.query(`select ${competenceColumns} from competence_record where person_id = any($1::uuid[]) order by completed_on`, [personIds]);
  }

  async insertCompetence(tenantId: string, c: CompetenceRow, createdBy: string): Promise<void> {
    await this.em.query(
      `insert into competence_record (id, tenant_id, person_id, kind, item_code, title, completed_on, result, assessor, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [c.id, tenantId, c.personId, c.kind, c.itemCode, c.title, c.completedOn, c.result, c.assessor, createdBy],
    );
  }

  async authorisations(filter: { personIds?: string[]; itemCode?: string; activeOnly?: boolean }): Promise<AuthorisationRow[]> {
    return this.em.query(
      `select ${authorisationColumns} from authorisation
        where ($1::uuid[] is null or person_id = any($1::uuid[]))
          and ($2::text is null or item_code = $2)
          and (not $3 or status = 'active')
        order by item_code, role, valid_from`,
      [filter.personIds ?? null, filter.itemCode ?? null, filter.activeOnly ?? false],
    );
  }

  async authorisation(id: string, lock = false): Promise<AuthorisationRow | null> {
    const [row] = await this.em.query(`select ${authorisationColumns} from authorisation where id = $1 ${lock ? 'for update' : ''}`, [id]);
    return row ?? null;
  }

  /** Active authorisations whose last day is before `day`: they have lapsed. */
  async lapsedAuthorisations(day: string): Promise<AuthorisationRow[]> {
    return this.em.query(`select ${authorisationColumns} from authorisation where status = 'active' and valid_until < $1 for update`, [day]);
  }

  async insertAuthorisation(tenantId: string, a: AuthorisationRow): Promise<void> {
    await this.em.query(
      `insert into authorisation (id, tenant_id, person_id, item_code, role, valid_from, valid_until, limited_by, qualified_for_responsible, status, granted_by, granted_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [a.id, tenantId, a.personId, a.itemCode, a.role, a.validFrom, a.validUntil, a.limitedBy, a.qualifiedForResponsible, a.status, a.grantedBy, a.grantedAt],
    );
  }

  async endAuthorisation(id: string, status: 'revoked' | 'expired', endedOn: string, reason: string, endedBy: string): Promise<void> {
    await this.em.query(`update authorisation set status = $2, ended_on = $3, end_reason = $4, ended_by = $5 where id = $1`, [id, status, endedOn, reason, endedBy]);
  }

  async ensureItem(tenantId: string, code: string, title: string | null = null): Promise<void> {
    await this.em.query(
      `insert into service_item (tenant_id, code, title) values ($1, $2, $3)
       on conflict (tenant_id, code) do update set title = coalesce(excluded.title, service_item.title)`,
      [tenantId, code, title],
    );
  }

  async item(code: string, lock = false): Promise<ServiceItemRow | null> {
    const [row] = await this.em.query(`select ${itemColumns} from service_item where code = $1 ${lock ? 'for update' : ''}`, [code]);
    return row ?? null;
  }

  async items(): Promise<ServiceItemRow[]> {
    return this.em.query(`select ${itemColumns} from service_item order by code`);
  }

  async updateItemStaffing(code: string, s: { authorisedPersons: number; hasQualifiedResponsible: boolean; adequate: boolean; evaluatedOn: string; openFindingId: string | null }): Promise<void> {
    await this.em.query(
      `update service_item set authorised_persons = $2, has_qualified_responsible = $3, adequate = $4, evaluated_on = $5, open_finding_id = $6 where code = $1`,
      [code, s.authorisedPersons, s.hasQualifiedResponsible, s.adequate, s.evaluatedOn, s.openFindingId],
    );
  }

  /** Items on which any of these persons holds an active authorisation (their staffing may change with them). */
  async itemsOfPersons(personIds: string[]): Promise<string[]> {
    const rows: { code: string }[] = await this.em.query(
      `select distinct item_code as code from authorisation where person_id = any($1::uuid[]) and status = 'active'`,
      [personIds],
    );
    return rows.map((r) => r.code);
  }
}
