import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Outbox } from '@calchain/platform';
import { IsoDate } from '@calchain/platform/calendar';
import { ScopePublisher } from '../../standards/application/scope-publisher';
import { deriveStatus } from '../domain/equipment-status';
import { EquipmentRepository } from '../infrastructure/equipment.repository';

/**
 * Derives the status of equipment from its data and announces every change (status, its reason
 * or the due date) once, through the outbox, in the transaction that caused it — a recorded fact
 * or the sweep noticing that a date has passed. Standards built from changed equipment are
 * re-evaluated in the same transaction (their scope validity depends on it).
 */
@Injectable()
export class StatusPublisher {
  constructor(
    private readonly outbox: Outbox,
    private readonly scopes: ScopePublisher,
  ) {}

  /** Refreshes some equipment (or all of the tenant's, for the sweep); returns the ids whose announcement changed. */
  async refresh(em: EntityManager, tenant: string, today: IsoDate, ids: string[] | null): Promise<string[]> {
    // Lock first, in a fixed order: two refreshes of one piece never both announce the same change.
    await em.query(`select id from equipment where $1::uuid[] is null or id = any($1::uuid[]) order by id for update`, [ids]);
    const repository = new EquipmentRepository(em);
    const changed: string[] = [];
    for (const row of await repository.statusFacts(today, ids)) {
      const derived = deriveStatus(row, today);
      const before = row.published;
      if (before && before.status === derived.status && before.reason === derived.reason && before.dueDate === derived.dueDate) continue;
      await repository.setPublished(row.id, derived.status, derived.reason, derived.dueDate);
      await this.outbox.add(em, {
        type: 'equipment.equipment.status-changed',
        tenant,
        aggregateId: row.id,
        payload: {
          equipmentId: row.id,
          assetNumber: row.assetNumber,
          name: row.name,
          kind: row.kind,
          status: derived.status,
          previousStatus: before?.status ?? null,
          reason: derived.reason,
          usable: derived.usable,
          effectiveOn: today,
          lastCalibratedOn: derived.lastCalibratedOn,
          dueDate: derived.dueDate,
          measurementStandardIds: row.measurementStandardIds,
        },
      });
      changed.push(row.id);
    }
    const standards = [...new Set((await repository.statusFacts(today, changed)).flatMap((r) => r.measurementStandardIds))];
    if (standards.length) await this.scopes.refresh(em, tenant, today, standards);
    return changed;
  }
}
