import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, PayloadOf } from '@calchain/contracts';
import { EventHandler } from '@calchain/platform';
import { rememberInstitution } from '../../shared/infrastructure/numbering';
import { ImprovementService } from '../application/improvement-service';

/**
 * equipment.intermediate-check.failed → a finding in the improvement register (R-9.2 lists
 * intermediate-check failures as a source; ). Runs in the inbox transaction: a redelivered
 * event finds its inbox row and raises nothing twice; the dedupe key guards a re-sent check too.
 */
@Injectable()
export class IntermediateCheckFailedHandler implements EventHandler<'equipment.intermediate-check.failed'> {
  readonly eventType = 'equipment.intermediate-check.failed' as const;

  constructor(private readonly improvement: ImprovementService) {}

  async handle(event: EventEnvelope<PayloadOf<'equipment.intermediate-check.failed'>>, em: EntityManager): Promise<void> {
    const { checkId, assetNumber, performedOn, results } = event.payload;
    const failed = results.filter((r) => !r.passed).map((r) => r.point);
    await rememberInstitution(em, event.tenant);
    await this.improvement.raiseFindingIn(em, event.tenant, {
      source: 'intermediate-check',
      sourceRef: checkId,
      severity: 'major',
      requirement: 'R-5.5.3',
      title: `Intermediate check of ${assetNumber} on ${performedOn} failed at ${failed.join(', ') || 'one or more points'}; equipment suspended`.slice(0, 300),
      description: null,
      itemCode: null,
      dedupeKey: `intermediate-check:${checkId}`,
    }, 'system:equipment-events');
  }
}
