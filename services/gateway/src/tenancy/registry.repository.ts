import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@calchain/contracts';
import { Membership } from '../identity/membership';
import { RegistrySeed } from './registry-seed';

export interface KnownUser {
  id: string;
  memberships: Membership[];
  networkInstitutions: Map<string, string[]>;
  jurisdiction: { institution: string; network: string }[];
}

export interface InstitutionRecord {
  id: string;
  network: string;
  name: string;
  legalStatus: string;
  authorisingEntity: string | null;
  responsiblePersons: { name: string; function: string }[];
  registrationNumber: string | null;
  serviceFlow: string | null;
  serviceCommitments: string | null;
  disclosureReviewedOn: string | null;
  sites: { id: string; name: string; address: string }[];
}

/** Reads and seeds the registry in the gateway's own schema. */
@Injectable()
export class RegistryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findUser(issuer: string, subject: string): Promise<KnownUser | undefined> {
    const [user] = await this.dataSource.query(`select id from app_user where issuer = $1 and subject = $2`, [issuer, subject]);
    if (!user) return undefined;
    const rows: { network_id: string; institution_id: string | null; site_id: string | null; roles: Role[]; customer_id: string | null }[] = await this.dataSource.query(
      `select network_id, institution_id, site_id, roles, customer_id from membership where user_id = $1`,
      [user.id],
    );
    const networks = [...new Set(rows.filter((r) => !r.institution_id).map((r) => r.network_id))];
    const members: { id: string; network_id: string }[] = networks.length
      ? await this.dataSource.query(`select id, network_id from institution where network_id = any($1)`, [networks])
      : [];
    const jurisdiction: { institution_id: string; network_id: string }[] = await this.dataSource.query(
      `select j.institution_id, i.network_id from regulator_jurisdiction j join institution i on i.id = j.institution_id where j.user_id = $1`,
      [user.id],
    );
    const networkInstitutions = new Map<string, string[]>();
    for (const m of members) networkInstitutions.set(m.network_id, [...(networkInstitutions.get(m.network_id) ?? []), m.id]);
    return {
      id: user.id,
      memberships: rows.map((r) => ({ network: r.network_id, institution: r.institution_id, site: r.site_id, roles: r.roles, ...(r.customer_id ? { customerId: r.customer_id } : {}) })),
      networkInstitutions,
      jurisdiction: jurisdiction.map((j) => ({ institution: j.institution_id, network: j.network_id })),
    };
  }

  /** How the console greets a caller: the registry's display name and institution name (null when unknown). */
  async names(userId: string, institutionId: string): Promise<{ displayName: string | null; institutionName: string | null }> {
    const [row] = await this.dataSource.query(
      `select (select display_name from app_user where id = $1) as display_name, (select name from institution where id = $2) as institution_name`,
      [userId, institutionId],
    );
    return { displayName: row?.display_name ?? null, institutionName: row?.institution_name ?? null };
  }

  async institution(id: string): Promise<InstitutionRecord | undefined> {
    const [row] = await this.dataSource.query(`select *, disclosure_reviewed_on::text as reviewed_on from institution where id = $1`, [id]);
    if (!row) return undefined;
    const sites = await this.dataSource.query(`select id, name, address from site where institution_id = $1 order by id`, [id]);
    return {
      id: row.id,
      network: row.network_id,
      name: row.name,
      legalStatus: row.legal_status,
      authorisingEntity: row.authorising_entity,
      responsiblePersons: row.responsible_persons,
      registrationNumber: row.registration_number,
      serviceFlow: row.service_flow,
      serviceCommitments: row.service_commitments,
      disclosureReviewedOn: row.reviewed_on,
      sites,
    };
  }

  async networkName(id: string): Promise<string> {
    const [row] = await this.dataSource.query(`select name from lab_network where id = $1`, [id]);
    return row.name;
  }

  /** Whether the user holds a membership in some other network (which an administrator may not rewrite). */
  async userOutsideNetwork(userId: string, network: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `select 1 from membership where user_id = $1 and network_id <> $2 union all select 1 from regulator_jurisdiction where user_id = $1 limit 1`,
      [userId, network],
    );
    return rows.length > 0;
  }

  /** Institution id → its site ids, for the institutions of one network. */
  async networkLayout(network: string): Promise<Map<string, string[]>> {
    const rows: { id: string; site: string | null }[] = await this.dataSource.query(
      `select i.id, s.id as site from institution i left join site s on s.institution_id = i.id where i.network_id = $1`,
      [network],
    );
    const layout = new Map<string, string[]>();
    for (const r of rows) layout.set(r.id, [...(layout.get(r.id) ?? []), ...(r.site ? [r.site] : [])]);
    return layout;
  }

  async regulatorAccess(institution: string, limit = 500): Promise<{ at: string; user: string; method: string; path: string; status: number }[]> {
    return this.dataSource.query(
      `select to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, user_id as "user", method, path, status
         from regulator_access_log where institution = $1 order by id desc limit $2`,
      [institution, limit],
    );
  }

  async logRegulatorAccess(entry: { user: string; institution: string; method: string; path: string; status: number; requestId?: string }): Promise<void> {
    await this.dataSource.query(
      `insert into regulator_access_log (user_id, institution, method, path, status, request_id) values ($1, $2, $3, $4, $5, $6)`,
      [entry.user, entry.institution, entry.method, entry.path, entry.status, entry.requestId ?? null],
    );
  }

  /** Idempotent: applying the same seed twice leaves one copy. */
  async seed(seed: RegistrySeed): Promise<void> {
    await this.dataSource.transaction(async (em: EntityManager) => {
      for (const network of seed.networks) {
        await em.query(`insert into lab_network (id, name) values ($1, $2) on conflict (id) do update set name = excluded.name`, [network.id, network.name]);
        for (const i of network.institutions) {
          await em.query(
            `insert into institution (id, network_id, name, legal_status, authorising_entity, responsible_persons, registration_number,
                                      service_flow, service_commitments, disclosure_reviewed_on)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             on conflict (id) do update set name = excluded.name, legal_status = excluded.legal_status,
               authorising_entity = excluded.authorising_entity, responsible_persons = excluded.responsible_persons,
               registration_number = excluded.registration_number, service_flow = excluded.service_flow,
               service_commitments = excluded.service_commitments, disclosure_reviewed_on = excluded.disclosure_reviewed_on`,
            [i.id, network.id, i.name, i.legalStatus, i.authorisingEntity ?? null, JSON.stringify(i.responsiblePersons),
              i.registrationNumber ?? null, i.serviceFlow ?? null, i.serviceCommitments ?? null, i.disclosureReviewedOn ?? null],
          );
          for (const s of i.sites) {
            await em.query(
              `insert into site (id, institution_id, name, address) values ($1, $2, $3, $4)
               on conflict (id) do update set name = excluded.name, address = excluded.address`,
              [s.id, i.id, s.name, s.address],
            );
          }
        }
      }
      for (const u of seed.users) {
        await em.query(
          `insert into app_user (id, issuer, subject, display_name) values ($1, $2, $3, $4)
           on conflict (id) do update set issuer = excluded.issuer, subject = excluded.subject, display_name = excluded.display_name`,
          [u.id, u.issuer, u.subject, u.displayName],
        );
        await em.query(`delete from membership where user_id = $1`, [u.id]);
        await em.query(`delete from regulator_jurisdiction where user_id = $1`, [u.id]);
        for (const m of u.memberships) {
          await em.query(`insert into membership (user_id, network_id, institution_id, site_id, roles, customer_id) values ($1, $2, $3, $4, $5, $6)`, [
            u.id, m.network, m.institution ?? null, m.site ?? null, m.roles, m.customerId ?? null,
          ]);
        }
        for (const institution of u.jurisdiction) {
          await em.query(`insert into regulator_jurisdiction (user_id, institution_id) values ($1, $2)`, [u.id, institution]);
        }
      }
    });
  }
}
