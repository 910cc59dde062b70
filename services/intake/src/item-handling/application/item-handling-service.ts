import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, Outbox, OutboxRelay, ProblemException, LabCalendar } from '@calchain/platform';
import { ConsentInput, recordConsent } from '../../contracts/domain/consent';
import { ContractRepository } from '../../contracts/infrastructure/contract.repository';
import { enforcingRules } from '../../shared/application/problems';
import { violation } from '../../shared/domain/rule-violation';
import { TimeLimitRepository } from '../../time-limits/infrastructure/time-limit.repository';
import { ItemProgress } from '../../work-orders/application/item-progress';
import { ContractWorkOrderRepository } from '../../work-orders/infrastructure/contract-work-order.repository';
import { AttachmentRef, ChecklistEntry, IntakeChannel, receiveItem, requireAdjustmentConsent, returnItem } from '../domain/item-handling';
import { AttachmentRepository, ItemHandlingRepository } from '../infrastructure/item-handling.repository';
import { inCallerTransaction } from '../../shared/application/caller-scope';

/** Item intake and return, adjustment consent and state-change notices. */
@Injectable()
export class ItemHandlingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly relay: OutboxRelay,
    private readonly time: LabCalendar,
    private readonly progress: ItemProgress,
  ) {}

  private async write<T>(caller: Caller, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await enforcingRules(() => inCallerTransaction(this.dataSource, caller, work));
    this.relay.wake();
    return result;
  }

  /** The item in the latest version of its contract, with the contract (locked). */
  private async contractItem(em: EntityManager, itemId: string) {
    const contracts = new ContractRepository(em);
    const item = await contracts.latestItem(itemId);
    if (!item) throw ProblemException.notFound('Contract item', itemId);
    const contract = (await contracts.lock(item.contractId))!;
    return { item, contract, contracts, inCurrentVersion: item.version === contract.currentVersion };
  }

  private async advanceIfTracked(em: EntityManager, caller: Caller, itemId: string, to: 'in-lab' | 'returned', source: string): Promise<void> {
    const tracked = await new ContractWorkOrderRepository(em).item(itemId);
    if (!tracked) return; // not accepted yet (received with the order) or subcontracted
    if (to === 'in-lab' && tracked.status !== 'accepted') return;
    await this.progress.advance(em, { tenant: caller.tenant, itemId, to, source, by: caller.subject, now: this.time.now(), today: this.time.today() });
  }

  receive(
    itemId: string,
    input: { channel: IntakeChannel; condition: string; conditionAcceptable: boolean; accessories: ChecklistEntry[]; documents: string[]; photos: AttachmentRef[] },
    caller: Caller,
  ) {
    return this.write(caller, async (em) => {
      const { item, contract, inCurrentVersion } = await this.contractItem(em, itemId);
      const repository = new ItemHandlingRepository(em);
      const now = this.time.now();
      const intake = receiveItem(input, {
        item: { itemId, contractId: contract.id, place: item.place, inCurrentVersion, contractStatus: contract.status },
        alreadyReceived: (await repository.intakeOf(itemId)) !== null,
        label: await repository.nextLabel(caller.tenant, Number(this.time.today().slice(0, 4))),
        by: caller.subject,
        now,
      });
      await repository.insertIntake(caller.tenant, intake);
      for (const photo of input.photos) await new AttachmentRepository(em).add(caller.tenant, 'item-intake', intake.id, photo, caller.subject, now);
      await this.advanceIfTracked(em, caller, itemId, 'in-lab', 'item-intake');
      await this.outbox.add(em, {
        type: 'intake.item.received',
        tenant: caller.tenant,
        aggregateId: itemId,
        payload: { itemId, contractId: contract.id, intakeId: intake.id, label: intake.label, channel: intake.channel, conditionAcceptable: intake.conditionAcceptable, receivedAt: now.toISOString() },
      });
      return intake;
    });
  }

  returnToCustomer(
    itemId: string,
    input: { accessories: ChecklistEntry[]; documents: string[]; photos: AttachmentRef[]; handedOverTo: string | null; receiverDescription: string | null; signatureRef: string },
    caller: Caller,
  ) {
    return this.write(caller, async (em) => {
      const { contract, contracts } = await this.contractItem(em, itemId);
      const repository = new ItemHandlingRepository(em);
      const handedBack = returnItem(input, {
        intake: await repository.intakeOf(itemId),
        alreadyReturned: (await repository.returnOf(itemId)) !== null,
        unnoticedStateChanges: await repository.unnoticedStateChanges(itemId),
        contactIds: await contracts.contactIds(contract.customerId),
        by: caller.subject,
        now: this.time.now(),
      });
      await repository.insertReturn(caller.tenant, handedBack);
      for (const photo of input.photos) await new AttachmentRepository(em).add(caller.tenant, 'item-return', handedBack.id, photo, caller.subject, handedBack.returnedAt);
      await this.advanceIfTracked(em, caller, itemId, 'returned', 'item-return');
      const promise = await new TimeLimitRepository(em).promise(itemId);
      const intake = (await repository.intakeOf(itemId))!;
      await this.outbox.add(em, {
        type: 'intake.item.returned',
        tenant: caller.tenant,
        aggregateId: itemId,
        payload: {
          itemId, contractId: contract.id, returnId: handedBack.id, label: intake.label, returnedAt: handedBack.returnedAt.toISOString(),
          withinTimeLimit: promise?.completedOn ? promise.completedOn <= promise.promisedDate : null,
        },
      });
      return { ...handedBack, label: intake.label, promisedDate: promise?.promisedDate ?? null, completedOn: promise?.completedOn ?? null };
    });
  }

  /** the customer's decision on adjusting the item. */
  decideAdjustment(itemId: string, input: ConsentInput, caller: Caller) {
    return this.write(caller, async (em) => {
      const { contract, contracts } = await this.contractItem(em, itemId);
      const consent = recordConsent(input, {
        customerId: contract.customerId, contractId: contract.id, subject: 'adjustment', subjectId: itemId, requirement: 'R-6.2.3',
        recordedBy: caller.subject, now: this.time.now(), today: this.time.today(), contactIds: await contracts.contactIds(contract.customerId),
      });
      await contracts.insertConsent(caller.tenant, consent);
      if (consent.decision === 'granted') {
        await this.outbox.add(em, {
          type: 'intake.item.adjustment-consented',
          tenant: caller.tenant,
          aggregateId: itemId,
          payload: { itemId, contractId: contract.id, consentId: consent.id, grantedOn: consent.givenOn },
        });
      }
      return consent;
    });
  }

  /** records an adjustment of the item; refused without the customer's consent. */
  recordAdjustment(itemId: string, input: { description: string }, caller: Caller) {
    return this.write(caller, async (em) => {
      const { contract } = await this.contractItem(em, itemId);
      const repository = new ItemHandlingRepository(em);
      if (!(await repository.intakeOf(itemId))) violation('R-6.2.3', 'itemId', 'received', 'only a received item can be adjusted');
      const decisions = await repository.adjustmentDecisions(itemId);
      requireAdjustmentConsent(decisions);
      const adjustment = { id: randomUUID(), itemId, contractId: contract.id, consentId: decisions[decisions.length - 1].id, description: input.description, by: caller.subject, at: this.time.now() };
      await repository.insertAdjustment(caller.tenant, adjustment);
      return { ...adjustment, customerToBeTold: true };
    });
  }

  /** the customer was told that the item's state changed. */
  noticeStateChange(itemId: string, input: { kind: 'adjusted' | 'repaired' | 'damaged' | 'other'; description: string; channel: string; contactId: string | null }, caller: Caller) {
    return this.write(caller, async (em) => {
      const { contract, contracts } = await this.contractItem(em, itemId);
      if (input.contactId && !(await contracts.contactIds(contract.customerId)).includes(input.contactId)) {
        violation('R-6.2.3', 'contactId', 'contact-of-customer', 'the contact is not a contact of the customer');
      }
      const notice = { id: randomUUID(), itemId, contractId: contract.id, ...input, by: caller.subject, at: this.time.now() };
      await new ItemHandlingRepository(em).insertNotice(caller.tenant, notice);
      await this.outbox.add(em, {
        type: 'intake.item.state-change-noticed',
        tenant: caller.tenant,
        aggregateId: itemId,
        payload: { itemId, contractId: contract.id, noticeId: notice.id, kind: input.kind, noticedAt: notice.at.toISOString() },
      });
      return notice;
    });
  }

  async record(itemId: string, caller: Caller) {
    return inCallerTransaction(this.dataSource, caller, async (em) => {
      const repository = new ItemHandlingRepository(em);
      const intake = await repository.intakeOf(itemId);
      if (!intake) throw ProblemException.notFound('Item intake', itemId);
      return { intake, return: await repository.returnOf(itemId), ...(await repository.history(itemId)) };
    });
  }

  intakes(filter: { contractId?: string; label?: string }, limit: number, offset: number, caller: Caller) {
    return inCallerTransaction(this.dataSource, caller, (em) => new ItemHandlingRepository(em).intakes(filter, limit, offset));
  }
}
