import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PayloadOf } from '@calchain/contracts';
import { Outbox } from '@calchain/platform';

type StatusChanged = PayloadOf<'equipment.equipment.status-changed'>;

/** Reasons that mean the standard was found out of tolerance. */
export const OUT_OF_TOLERANCE = ['intermediate-check-failed', 'metrological-confirmation-failed'];

/**
 * Reverse traceability: when a standard fails its check, every certificate issued
 * with it (by measurement date) since its last good check is listed and published, so quality can
 * open nonconforming work and customers can be told.
 */
@Injectable()
export class TraceabilityService {
  constructor(private readonly outbox: Outbox) {}

  async onStatusChanged(em: EntityManager, tenant: string, e: StatusChanged): Promise<void> {
    const good = e.usable && e.reason === 'calibrated' ? e.effectiveOn : null;
    await em.query(
      `insert into standard_check (tenant_id, equipment_id, standard_ids, last_good_on) values ($1, $2, $3, $4)
       on conflict (tenant_id, equipment_id) do update set standard_ids = excluded.standard_ids,
         last_good_on = greatest(standard_check.last_good_on, excluded.last_good_on)`,
      [tenant, e.equipmentId, e.measurementStandardIds, good ?? e.lastCalibratedOn],
    );
    if (e.usable || !OUT_OF_TOLERANCE.includes(e.reason)) return;
    const [check] = await em.query(`select last_good_on::text from standard_check where equipment_id = $1`, [e.equipmentId]);
    const since: string | null = check?.last_good_on ?? null;
    const rows = await em.query(
      `select distinct c.id, c.number, c.item_id, c.customer_id, c.measurement_date::text, c.status,
              to_char(c.issued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as issued_at
         from certificate c join certificate_standard s on s.certificate_id = c.id
        where c.status in ('issued', 'void') and (s.equipment_id = $1 or s.standard_id = any($2::uuid[]))
          and ($3::date is null or c.measurement_date >= $3::date) and c.measurement_date <= $4::date
        order by c.number`,
      [e.equipmentId, e.measurementStandardIds, since, e.effectiveOn],
    );
    const certificates = rows.map((r: { id: string; number: string; item_id: string; customer_id: string | null; measurement_date: string; status: 'issued' | 'void'; issued_at: string }) => ({
      certificateId: r.id, number: r.number, itemId: r.item_id, customerId: r.customer_id, measurementDate: r.measurement_date, issuedAt: r.issued_at, status: r.status,
    }));
    const listingId = randomUUID();
    await em.query(`insert into reverse_traceability (id, tenant_id, equipment_id, reason, since, until, certificates) values ($1, $2, $3, $4, $5, $6, $7)`, [
      listingId, tenant, e.equipmentId, e.reason, since, e.effectiveOn, JSON.stringify(certificates),
    ]);
    await this.outbox.add(em, {
      type: 'certificates.reverse-traceability.listed', tenant, aggregateId: e.equipmentId,
      payload: { listingId, equipmentId: e.equipmentId, measurementStandardIds: e.measurementStandardIds, reason: e.reason, since, until: e.effectiveOn, certificates },
    });
  }
}
