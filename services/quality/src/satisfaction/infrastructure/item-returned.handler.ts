import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, PayloadOf } from '@calchain/contracts';
import { EventHandler } from '@calchain/platform';
import { SatisfactionService } from '../application/satisfaction-service';

/** intake.item.returned → a satisfaction survey for the completed order item, once per return. */
@Injectable()
export class ItemReturnedHandler implements EventHandler<'intake.item.returned'> {
  readonly eventType = 'intake.item.returned' as const;

  constructor(private readonly satisfaction: SatisfactionService) {}

  async handle(event: EventEnvelope<PayloadOf<'intake.item.returned'>>, em: EntityManager): Promise<void> {
    await this.satisfaction.openSurveyIn(em, event.tenant, event.payload);
  }
}
