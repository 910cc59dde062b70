import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PayloadOf } from '@calchain/contracts';
import { Outbox } from '@calchain/platform';
import { IsoDate } from '@calchain/platform/calendar';
import { methodStatus, methodUsable, nextReviewDue } from '../domain/method';
import { MethodRepository, StoredMethod } from '../infrastructure/method.repository';

export type MethodView = PayloadOf<'equipment.method.published'>;

/**
 * the current state of a method version as other services see it, announced
 * when it changes — by an action, or by a date arriving (a withdrawal taking effect).
 */
@Injectable()
export class MethodPublisher {
  constructor(private readonly outbox: Outbox) {}

  async view(em: EntityManager, m: StoredMethod, today: IsoDate): Promise<MethodView> {
    const repository = new MethodRepository(em);
    const successor = m.supersededBy ? await repository.find(m.supersededBy) : null;
    const lastReview = (await repository.reviews(m.id))[0]?.reviewedOn ?? null;
    return {
      methodId: m.id,
      code: m.code,
      title: m.title,
      version: m.version,
      type: m.type,
      documentKind: m.documentKind,
      status: methodStatus(m, today),
      usable: methodUsable(m, today),
      effectiveFrom: m.effectiveFrom,
      withdrawnOn: m.withdrawnOn,
      supersededBy: successor ? { methodId: successor.id, code: successor.code, version: successor.version } : null,
      environmentalLimits: m.environmentalLimits,
      readings: m.readings,
      measurementModel: m.measurementModel,
      requiredEquipmentKinds: m.requiredEquipmentKinds,
      nextReviewDue: nextReviewDue(m, lastReview),
    };
  }

  async refresh(em: EntityManager, tenant: string, today: IsoDate, ids: string[] | null): Promise<void> {
    const repository = new MethodRepository(em);
    const methods = ids ? (await Promise.all(ids.map((id) => repository.find(id, true)))).filter((m): m is StoredMethod => m !== null) : await repository.list();
    for (const m of methods) {
      const view = await this.view(em, m, today);
      const hash = createHash('sha256').update(JSON.stringify(view)).digest('hex');
      if (hash === m.publishedHash) continue;
      await repository.setPublishedHash(m.id, hash);
      await this.outbox.add(em, { type: 'equipment.method.published', tenant, aggregateId: m.id, payload: view });
    }
  }
}
