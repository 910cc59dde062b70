import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Outbox } from '@calchain/platform';
import { PayloadOf } from '@calchain/contracts';
import { IsoDate } from '@calchain/platform/calendar';
import { deriveStatus } from '../../ledger/domain/equipment-status';
import { EquipmentRepository } from '../../ledger/infrastructure/equipment.repository';
import { scopeValidity } from '../domain/measurement-standard';
import { MeasurementStandardRepository } from '../infrastructure/measurement-standard.repository';

export type ScopeView = PayloadOf<'equipment.measurement-standard.scope-changed'>;

/**
 * builds the full current authorised scope of a standard and announces it whenever it
 * differs from what was last announced (an edit, a certificate expiring, equipment becoming
 * unusable). A fingerprint of the announced payload makes "differs" exact and cheap.
 */
@Injectable()
export class ScopePublisher {
  constructor(private readonly outbox: Outbox) {}

  async view(em: EntityManager, standardId: string, today: IsoDate): Promise<ScopeView | null> {
    const standards = new MeasurementStandardRepository(em);
    const standard = await standards.find(standardId);
    if (!standard) return null;
    const equipmentIds = await standards.equipmentIds(standardId);
    const equipment = (await new EquipmentRepository(em).statusFacts(today, equipmentIds)).map((row) => {
      const derived = deriveStatus(row, today);
      return { assetNumber: row.assetNumber, usable: derived.usable, status: derived.status };
    });
    const certificates = await standards.certificates(standardId);
    const validity = scopeValidity({ ...standard, certificates, equipment }, today);
    return {
      standardId,
      code: standard.code,
      name: standard.name,
      category: standard.category,
      servesSociety: standard.servesSociety,
      valid: validity.valid,
      invalidReasons: validity.invalidReasons,
      validUntil: validity.validUntil,
      certificates,
      equipmentIds,
      items: await standards.scope(standardId),
    };
  }

  async refresh(em: EntityManager, tenant: string, today: IsoDate, standardIds: string[]): Promise<void> {
    const standards = new MeasurementStandardRepository(em);
    for (const id of [...standardIds].sort()) {
      const standard = await standards.find(id, true);
      const view = standard && (await this.view(em, id, today));
      if (!standard || !view) continue;
      const hash = createHash('sha256').update(JSON.stringify(view)).digest('hex');
      if (hash === standard.publishedScopeHash) continue;
      await standards.setPublishedHash(id, hash);
      await this.outbox.add(em, { type: 'equipment.measurement-standard.scope-changed', tenant, aggregateId: id, payload: view });
    }
  }
}
