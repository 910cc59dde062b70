import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuthorisedItem, StandardCategory, StandardCertificate } from '../domain/measurement-standard';

export interface StandardRecord {
  id: string;
  code: string;
  name: string;
  category: StandardCategory;
  servesSociety: boolean;
  responsibleId: string | null;
  suspendedReason: string | null;
  publishedScopeHash: string | null;
}

/** Measurement standards and their scope; always used inside a tenant transaction (row-level security). */
export class MeasurementStandardRepository {
  constructor(private readonly em: EntityManager) {}

  /** False when the code is taken. */
  async insert(tenantId: string, s: Omit<StandardRecord, 'publishedScopeHash' | 'suspendedReason'>, createdBy: string): Promise<boolean> {
    const rows = await this.em.query(
      `insert into measurement_standard (id, tenant_id, code, name, category, serves_society, responsible_id, created_by)
       values ($1,$2,$3,$4,$5,$6,$7,$8) on conflict (tenant_id, code) do nothing returning id`,
      [s.id, tenantId, s.code, s.name, s.category, s.servesSociety, s.responsibleId, createdBy],
    );
    return rows.length === 1;
  }

  async find(id: string, lock = false): Promise<StandardRecord | null> {
    const rows = await this.em.query(
      `select id, code, name, category, serves_society as "servesSociety", responsible_id as "responsibleId",
              suspended_reason as "suspendedReason", published_scope_hash as "publishedScopeHash"
         from measurement_standard where id = $1 ${lock ? 'for update' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async ids(): Promise<string[]> {
    return (await this.em.query(`select id from measurement_standard order by code`)).map((r: { id: string }) => r.id);
  }

  async standardsUsing(equipmentIds: string[]): Promise<string[]> {
    if (equipmentIds.length === 0) return [];
    const rows = await this.em.query(
      `select distinct standard_id as id from measurement_standard_equipment where equipment_id = any($1::uuid[])`,
      [equipmentIds],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  async setSuspended(id: string, reason: string | null): Promise<void> {
    await this.em.query(`update measurement_standard set suspended_reason = $2 where id = $1`, [id, reason]);
  }

  async setPublishedHash(id: string, hash: string): Promise<void> {
    await this.em.query(`update measurement_standard set published_scope_hash = $2 where id = $1`, [id, hash]);
  }

  async replaceEquipment(tenantId: string, id: string, equipmentIds: string[]): Promise<void> {
    await this.em.query(`delete from measurement_standard_equipment where standard_id = $1`, [id]);
    if (equipmentIds.length) {
      await this.em.query(
        `insert into measurement_standard_equipment (tenant_id, standard_id, equipment_id) select $1, $2, unnest($3::uuid[])`,
        [tenantId, id, equipmentIds],
      );
    }
  }

  async equipmentIds(id: string): Promise<string[]> {
    const rows = await this.em.query(`select equipment_id as id from measurement_standard_equipment where standard_id = $1 order by equipment_id`, [id]);
    return rows.map((r: { id: string }) => r.id);
  }

  /** False when a certificate of that kind and number is recorded already. */
  async addCertificate(tenantId: string, standardId: string, c: StandardCertificate): Promise<boolean> {
    const rows = await this.em.query(
      `insert into standard_certificate (id, tenant_id, standard_id, kind, number, issuer, issued_on, valid_until) values ($1,$2,$3,$4,$5,$6,$7,$8)
       on conflict (tenant_id, kind, number) do nothing returning id`,
      [randomUUID(), tenantId, standardId, c.kind, c.number, c.issuer, c.issuedOn, c.validUntil],
    );
    return rows.length === 1;
  }

  async certificates(standardId: string): Promise<StandardCertificate[]> {
    return this.em.query(
      `select kind, number, issuer, issued_on::text as "issuedOn", valid_until::text as "validUntil"
         from standard_certificate where standard_id = $1 order by kind, valid_until desc`,
      [standardId],
    );
  }

  /** Replaces the authorised scope as a whole: the scope is one document, amended by reissue. */
  async replaceScope(tenantId: string, standardId: string, items: Omit<AuthorisedItem, 'itemId'>[]): Promise<void> {
    await this.em.query(`delete from authorised_range where item_id in (select id from authorised_item where standard_id = $1)`, [standardId]);
    await this.em.query(`delete from authorised_item where standard_id = $1`, [standardId]);
    for (const [position, item] of items.entries()) {
      const itemId = randomUUID();
      await this.em.query(
        `insert into authorised_item (id, tenant_id, standard_id, position, name, quantity, service_kinds, method_codes) values ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [itemId, tenantId, standardId, position, item.name, item.quantity, item.serviceKinds, item.methodCodes],
      );
      for (const [rangePosition, r] of item.ranges.entries()) {
        await this.em.query(
          `insert into authorised_range (id, tenant_id, item_id, position, lower, upper, unit, bmc_expanded_uncertainty, bmc_unit, bmc_coverage_factor)
           values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
          [
            randomUUID(), tenantId, itemId, rangePosition, r.lower, r.upper, r.unit, r.bestMeasurementCapability.expandedUncertainty,
            r.bestMeasurementCapability.unit, r.bestMeasurementCapability.coverageFactor,
          ],
        );
      }
    }
  }

  async scope(standardId: string): Promise<AuthorisedItem[]> {
    const items: Omit<AuthorisedItem, 'ranges'>[] = await this.em.query(
      `select id as "itemId", name, quantity, service_kinds as "serviceKinds", method_codes as "methodCodes"
         from authorised_item where standard_id = $1 order by position`,
      [standardId],
    );
    const ranges: ({ itemId: string } & Record<string, string>)[] = await this.em.query(
      `select r.item_id as "itemId", r.lower::text as lower, r.upper::text as upper, r.unit, r.bmc_expanded_uncertainty::text as u,
              r.bmc_unit as "bmcUnit", r.bmc_coverage_factor::text as k
         from authorised_range r join authorised_item i on i.id = r.item_id
        where i.standard_id = $1 order by r.position`,
      [standardId],
    );
    return items.map((item) => ({
      ...item,
      serviceKinds: item.serviceKinds as AuthorisedItem['serviceKinds'],
      ranges: ranges
        .filter((r) => r.itemId === item.itemId)
        .map((r) => ({
          lower: r['lower'],
          upper: r['upper'],
          unit: r['unit'],
          bestMeasurementCapability: { expandedUncertainty: r['u'], unit: r['bmcUnit'], coverageFactor: r['k'] },
        })),
    }));
  }
}
