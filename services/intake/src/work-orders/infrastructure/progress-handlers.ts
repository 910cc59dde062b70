import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, PayloadOf } from '@calchain/contracts';
import { EventHandler, LabCalendar } from '@calchain/platform';
import { RuleViolation } from '../../shared/domain/rule-violation';
import { ItemProgress } from '../application/item-progress';
import { ItemStatus, nextStatus } from '../domain/item-status';
import { ContractWorkOrderRepository } from './contract-work-order.repository';

const order: ItemStatus[] = ['accepted', 'in-lab', 'measured', 'reviewed', 'certificate-issued', 'returned'];

/**
 * Moves an item forward through `steps` as another service reports progress. Steps the item has
 * passed already are skipped (redeliveries, corrected records, reissued certificates); a step the
 * flow does not allow (e.g. a lab item never received) stops there and changes nothing more.
 */
async function advanceAlong(
  em: EntityManager,
  progress: ItemProgress,
  time: LabCalendar,
  logger: Logger,
  change: { tenant: string; itemId: string; steps: ItemStatus[]; source: string; by: string },
): Promise<void> {
  const item = await new ContractWorkOrderRepository(em).item(change.itemId, true);
  if (!item) return; // not an item intake tracks
  let current = item.status;
  for (const to of change.steps) {
    if (current === 'cancelled' || order.indexOf(current) >= order.indexOf(to)) continue;
    try {
      nextStatus(current, to, item.place);
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      logger.warn({ itemId: change.itemId, source: change.source, status: current, rule: error.message }, 'reported progress does not fit the item flow; status unchanged');
      return;
    }
    current = (await progress.advance(em, { tenant: change.tenant, itemId: change.itemId, to, source: change.source, by: change.by, now: time.now(), today: time.today() })).status;
  }
}

/**
 * records.record.approved → the item was measured and its record reviewed (R-7.1.1: end-to-end
 * status). Approval by a checker implies both steps, so the item moves through `measured` to
 * `reviewed`, each step recorded and told.
 */
@Injectable()
export class RecordApprovedHandler implements EventHandler<'records.record.approved'> {
  readonly eventType = 'records.record.approved' as const;
  private readonly logger = new Logger('RecordApprovedHandler');

  constructor(
    private readonly progress: ItemProgress,
    private readonly time: LabCalendar,
  ) {}

  handle(event: EventEnvelope<PayloadOf<'records.record.approved'>>, em: EntityManager): Promise<void> {
    const p = event.payload;
    return advanceAlong(em, this.progress, this.time, this.logger, {
      tenant: event.tenant, itemId: p.itemId, steps: ['measured', 'reviewed'], source: `records.record.approved:${p.recordId}@${p.recordVersion}`, by: p.checkerPersonId,
    });
  }
}

/**
 * certificates.certificate.issued → the item's certificate is issued; the time-limit
 * clock stops. Supplements and reissues of an item already past this step change nothing.
 */
@Injectable()
export class CertificateIssuedHandler implements EventHandler<'certificates.certificate.issued'> {
  readonly eventType = 'certificates.certificate.issued' as const;
  private readonly logger = new Logger('CertificateIssuedHandler');

  constructor(
    private readonly progress: ItemProgress,
    private readonly time: LabCalendar,
  ) {}

  handle(event: EventEnvelope<PayloadOf<'certificates.certificate.issued'>>, em: EntityManager): Promise<void> {
    const p = event.payload;
    return advanceAlong(em, this.progress, this.time, this.logger, {
      tenant: event.tenant, itemId: p.itemId, steps: ['certificate-issued'], source: `certificates.certificate.issued:${p.number}`, by: p.signatoryPersonId,
    });
  }
}

export const progressHandlers = [RecordApprovedHandler, CertificateIssuedHandler];
