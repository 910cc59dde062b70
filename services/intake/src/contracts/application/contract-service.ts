import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, Outbox, OutboxRelay, ProblemException, LabCalendar } from '@calchain/platform';
import { CAPABILITY_READ_MODEL, CapabilityReadModel } from '../../capability/application/capability-read-model.port';
import { enforcingRules } from '../../shared/application/problems';
import { rememberTenant } from '../../shared/application/tenant-directory';
import { maxDate } from '@calchain/platform/calendar';
import { violation } from '../../shared/domain/rule-violation';
import { findTimeLimit, promisedDate } from '../../time-limits/domain/time-limit';
import { TimeLimitRepository } from '../../time-limits/infrastructure/time-limit.repository';
import { ItemProgress } from '../../work-orders/application/item-progress';
import { ContractWorkOrderRepository, NewContractWorkOrderItem } from '../../work-orders/infrastructure/contract-work-order.repository';
import { WorkOrderRepository } from '../../work-orders/infrastructure/work-order.repository';
import { checkAcceptance } from '../domain/acceptance';
import { ConsentInput, recordConsent } from '../domain/consent';
import { buildVersion, checkSomethingChanged, Contract, ContractItem, ContractVersion, diffVersions, statusAfterChange, VersionInput } from '../domain/contract';
import { agreedDecisionRule, ContractReview, ItemTimeLimit, reviewContract, ReviewTrigger } from '../domain/contract-review';
import { blockedItems, raiseDeviation, resolveDeviation } from '../domain/deviation';
import { proposeSubcontracting, resolveSubcontracting } from '../domain/subcontracting';
import { ContractFilter, ContractRepository } from '../infrastructure/contract.repository';
import { inCallerTransaction } from '../../shared/application/caller-scope';

export interface NewContract extends VersionInput {
  customerId: string;
  contactId: string | null;
}

export interface ContractChange extends VersionInput {
  changeReason: string;
}

const describeItem = (i: ContractItem) => [i.instrumentType, i.manufacturer, i.model].filter(Boolean).join(' ');

/**
 * Use cases of contracts: each runs in one tenant transaction that
 * writes the state change and then its events to the outbox; the relay is woken after commit.
 */
@Injectable()
export class ContractService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly relay: OutboxRelay,
    private readonly time: LabCalendar,
    private readonly progress: ItemProgress,
    @Inject(CAPABILITY_READ_MODEL) private readonly capability: CapabilityReadModel,
  ) {}

  private async write<T>(caller: Caller, work: (em: EntityManager, repository: ContractRepository) => Promise<T>): Promise<T> {
    const result = await enforcingRules(() => inCallerTransaction(this.dataSource, caller, (em) => work(em, new ContractRepository(em))));
    this.relay.wake();
    return result;
  }

  private read<T>(caller: Caller, work: (repository: ContractRepository, em: EntityManager) => Promise<T>): Promise<T> {
    return inCallerTransaction(this.dataSource, caller, (em) => work(new ContractRepository(em), em));
  }

  private async locked(repository: ContractRepository, id: string): Promise<Contract> {
    const contract = await repository.lock(id);
    if (!contract) throw ProblemException.notFound('Contract', id);
    return contract;
  }

  private async fees(em: EntityManager) {
    const fees = new Map((await new TimeLimitRepository(em).fees()).map((f) => [f.code, f]));
    return (code: string) => fees.get(code) ?? null;
  }

  /** a new contract (version 1), reviewed at once. */
  create(input: NewContract, caller: Caller) {
    return this.write(caller, async (em, repository) => {
      const customer = await em.query(`select id from customer where id = $1`, [input.customerId]);
      if (customer.length === 0) violation('R-6.1.1', 'customerId', 'known-customer', `customer ${input.customerId} is not registered`);
      if (input.contactId && !(await repository.contactIds(input.customerId)).includes(input.contactId)) {
        violation('R-6.1.1', 'contactId', 'contact-of-customer', `contact ${input.contactId} is not a contact of the customer`);
      }
      const now = this.time.now();
      const contract: Contract = {
        id: randomUUID(),
        tenantId: caller.tenant,
        number: await repository.nextNumber(caller.tenant, Number(this.time.today().slice(0, 4))),
        customerId: input.customerId,
        contactId: input.contactId,
        status: 'draft',
        currentVersion: 1,
        acceptedVersion: null,
        createdAt: now,
        createdBy: caller.subject,
      };
      const version = buildVersion(input, {
        contractId: contract.id, version: 1, today: this.time.today(), recordedBy: caller.subject, now, changeReason: null, fees: await this.fees(em), previous: null,
      });
      await repository.insertContract(contract, now);
      await repository.insertVersion(caller.tenant, version);
      const review = await this.runReview(em, repository, caller, contract, version, 'created');
      return { contract, version, review };
    });
  }

  /** a change is a new version with a new review; an accepted contract waits for re-acceptance. */
  change(contractId: string, input: ContractChange, caller: Caller) {
    return this.write(caller, async (em, repository) => {
      const contract = await this.locked(repository, contractId);
      const status = statusAfterChange(contract.status);
      const previous = (await repository.version(contractId, contract.currentVersion))!;
      const now = this.time.now();
      const version = buildVersion(input, {
        contractId, version: contract.currentVersion + 1, today: this.time.today(), recordedBy: caller.subject, now,
        changeReason: input.changeReason, fees: await this.fees(em), previous,
      });
      const diff = diffVersions(previous.items, version.items);
      checkSomethingChanged(diff, previous, input);
      await repository.insertVersion(caller.tenant, version);
      await repository.setStatus(contractId, status, now, version.version);
      const changed = { ...contract, status, currentVersion: version.version };
      await this.outbox.add(em, {
        type: 'intake.contract.changed',
        tenant: caller.tenant,
        aggregateId: contractId,
        payload: { contractId, contractNumber: contract.number, version: version.version, previousVersion: previous.version, ...diff, changedAt: now.toISOString() },
      });
      const review = await this.runReview(em, repository, caller, changed, version, 'changed');
      return { contract: changed, version, review, diff };
    });
  }

  /** reviews the current version again (e.g. after the institution's capability changed). */
  review(contractId: string, caller: Caller) {
    return this.write(caller, async (em, repository) => {
      const contract = await this.locked(repository, contractId);
      if (contract.status === 'cancelled') violation('R-6.1.2', 'status', 'not-cancelled', 'the contract is cancelled');
      const version = (await repository.version(contractId, contract.currentVersion))!;
      return this.runReview(em, repository, caller, contract, version, 'requested');
    });
  }

  /**
   * reviews a version against the capability read model and stores the review,
   * with every check and its evidence, as an immutable record.
   */
  private async runReview(em: EntityManager, repository: ContractRepository, caller: Caller, contract: Contract, version: ContractVersion, trigger: ReviewTrigger): Promise<ContractReview> {
    const asOf = this.time.today();
    const snapshot = await this.capability.snapshot(em, {
      methodCodes: [...new Set(version.items.map((i) => i.methodCode))],
      itemCodes: [...new Set(version.items.map((i) => i.itemCode))],
    });
    const limits = new TimeLimitRepository(em);
    const [table, calendar] = [await limits.table(), await limits.calendar()];
    const timeLimits = new Map<string, ItemTimeLimit | null>(
      version.items.map((item) => {
        const entry = findTimeLimit(table, item.serviceKind, item.discipline);
        return [item.itemId, entry ? { workingDays: entry.workingDays, promisedDate: promisedDate(asOf, entry, calendar) } : null];
      }),
    );
    const review = reviewContract(version, snapshot, { asOf, timeLimits, trigger, reviewedBy: caller.subject, now: this.time.now() });
    await repository.insertReview(caller.tenant, review);
    await this.outbox.add(em, {
      type: 'intake.contract.reviewed',
      tenant: caller.tenant,
      aggregateId: contract.id,
      payload: {
        contractId: contract.id,
        contractNumber: contract.number,
        version: version.version,
        reviewId: review.id,
        outcome: review.outcome,
        trigger,
        customerMustBeTold: review.customerMustBeTold,
        items: version.items.map((item) => {
          const failed = review.checks.filter((c) => c.itemId === item.itemId && c.outcome === 'fail');
          return { itemId: item.itemId, outcome: failed.length ? ('failed' as const) : ('passed' as const), failedChecks: failed.map((c) => ({ check: c.check, requirement: c.requirement })) };
        }),
        reviewedAt: review.reviewedAt.toISOString(),
      },
    });
    return review;
  }

  private async consent(repository: ContractRepository, contract: Contract, input: ConsentInput, subject: 'subcontracting' | 'deviation', subjectId: string, requirement: string, caller: Caller) {
    const consent = recordConsent(input, {
      customerId: contract.customerId, contractId: contract.id, subject, subjectId, requirement, recordedBy: caller.subject,
      now: this.time.now(), today: this.time.today(), contactIds: await repository.contactIds(contract.customerId),
    });
    await repository.insertConsent(caller.tenant, consent);
    return consent;
  }

  /** proposes giving an item to another institution; it needs the customer's consent. */
  proposeSubcontracting(contractId: string, input: { itemId: string; subcontractor: string; reason: string }, caller: Caller) {
    return this.write(caller, async (_em, repository) => {
      const contract = await this.locked(repository, contractId);
      const version = (await repository.version(contractId, contract.currentVersion))!;
      const proposal = proposeSubcontracting(input, {
        contractId, contractStatus: contract.status, currentItemIds: version.items.map((i) => i.itemId),
        existing: await repository.subcontracting(contractId), proposedBy: caller.subject, now: this.time.now(),
      });
      await repository.insertSubcontracting(caller.tenant, proposal);
      return proposal;
    });
  }

  /** records the customer's decision on a proposed subcontracting. */
  decideSubcontracting(contractId: string, subcontractingId: string, input: ConsentInput, caller: Caller) {
    return this.write(caller, async (_em, repository) => {
      const contract = await this.locked(repository, contractId);
      const proposal = (await repository.subcontracting(contractId)).find((s) => s.id === subcontractingId);
      if (!proposal) throw ProblemException.notFound('Subcontracting', subcontractingId);
      const consent = await this.consent(repository, contract, input, 'subcontracting', proposal.id, 'R-6.1.2', caller);
      const resolved = resolveSubcontracting(proposal, input.decision, consent.id);
      await repository.updateSubcontracting(resolved);
      return { subcontracting: resolved, consent };
    });
  }

  /** records a deviation from the customer's requirements: its items are blocked until consent. */
  raiseDeviation(contractId: string, input: { itemIds: string[]; requirement: string; deviation: string }, caller: Caller) {
    return this.write(caller, async (em, repository) => {
      const contract = await this.locked(repository, contractId);
      const version = (await repository.version(contractId, contract.currentVersion))!;
      const deviation = raiseDeviation(input, {
        contractId, contractStatus: contract.status, contractVersion: contract.currentVersion,
        currentItemIds: version.items.map((i) => i.itemId), raisedBy: caller.subject, now: this.time.now(),
      });
      await repository.insertDeviation(caller.tenant, deviation);
      await this.outbox.add(em, {
        type: 'intake.contract.deviation-raised',
        tenant: caller.tenant,
        aggregateId: contractId,
        payload: { contractId, contractNumber: contract.number, deviationId: deviation.id, itemIds: deviation.itemIds, raisedAt: deviation.raisedAt.toISOString() },
      });
      return deviation;
    });
  }

  /** records the customer's decision on a deviation: consent unblocks its items. */
  decideDeviation(contractId: string, deviationId: string, input: ConsentInput, caller: Caller) {
    return this.write(caller, async (em, repository) => {
      const contract = await this.locked(repository, contractId);
      const deviation = (await repository.deviations(contractId)).find((d) => d.id === deviationId);
      if (!deviation) throw ProblemException.notFound('Deviation', deviationId);
      const consent = await this.consent(repository, contract, input, 'deviation', deviation.id, 'R-6.1.3', caller);
      const resolved = resolveDeviation(deviation, input.decision, consent.id, this.time.now());
      await repository.updateDeviation(resolved);
      await this.outbox.add(em, {
        type: 'intake.contract.deviation-resolved',
        tenant: caller.tenant,
        aggregateId: contractId,
        payload: {
          contractId, contractNumber: contract.number, deviationId, itemIds: resolved.itemIds, decision: input.decision, consentId: consent.id,
          resolvedAt: resolved.resolvedAt!.toISOString(),
        },
      });
      return { deviation: resolved, consent };
    });
  }

  /**
   * accepts the reviewed current version: one work order per lab section and place
   * for the in-house items not yet in one, a promised date per item from the published time limit
   * removed items cancelled; then contract.accepted and work-order.created events.
   */
  accept(contractId: string, caller: Caller) {
    return this.write(caller, async (em, repository) => {
      const contract = await this.locked(repository, contractId);
      const version = (await repository.version(contractId, contract.currentVersion))!;
      const review = await repository.latestReview(contractId);
      const dispositions = checkAcceptance(contract, version.items, review, await repository.subcontracting(contractId), await repository.deviations(contractId));
      const now = this.time.now();
      const today = this.time.today();
      const limits = new TimeLimitRepository(em);
      const [table, calendar] = [await limits.table(), await limits.calendar()];
      const workOrders = new ContractWorkOrderRepository(em);
      const existing = new Map((await workOrders.itemsOfContract(contractId)).map((i) => [i.itemId, i]));
      const received = new Set<string>(
        (await em.query(`select item_id from item_intake where contract_id = $1`, [contractId])).map((r: { item_id: string }) => r.item_id),
      );

      const groups = new Map<string, NewContractWorkOrderItem[]>();
      const promises: { item: ContractItem; promised: string; workingDays: number }[] = [];
      for (const item of version.items) {
        const old = existing.get(item.itemId);
        if (old) {
          await workOrders.updateItemDetails(item.itemId, { ...item, description: describeItem(item) });
          continue;
        }
        if (dispositions.get(item.itemId) !== 'in-house') continue;
        const entry = findTimeLimit(table, item.serviceKind, item.discipline);
        if (!entry) violation('R-4.4', `items.${item.position - 1}`, 'published-time-limit', `no time limit is published for ${item.serviceKind} in ${item.discipline}`);
        const promised = promisedDate(today, entry, calendar);
        promises.push({ item, promised, workingDays: entry.workingDays });
        const key = `${item.discipline}\u0000${item.place}`;
        groups.set(key, [
          ...(groups.get(key) ?? []),
          {
            id: item.itemId, position: (groups.get(key)?.length ?? 0) + 1, description: describeItem(item), serialNumber: item.serialNumber,
            serviceKind: item.serviceKind, methodCode: item.methodCode, methodVersion: item.methodVersion, itemCode: item.itemCode,
            place: item.place, promisedDate: promised, status: received.has(item.itemId) ? 'in-lab' : 'accepted',
          },
        ]);
      }

      const created: { id: string; orderNumber: string; section: string; items: NewContractWorkOrderItem[]; dueDate: string }[] = [];
      for (const items of groups.values()) {
        const id = randomUUID();
        const orderNumber = await new WorkOrderRepository(em).nextOrderNumber(caller.tenant, Number(today.slice(0, 4)));
        const dueDate = items.map((i) => i.promisedDate!).reduce(maxDate);
        const section = version.items.find((v) => v.itemId === items[0].id)!.discipline;
        await workOrders.insert(caller.tenant, {
          id, orderNumber, customerId: contract.customerId, placeOfWork: items[0].place, dueDate, contractId, contractVersion: version.version,
          section, createdBy: caller.subject, createdAt: now, items,
        });
        for (const i of items) await workOrders.recordInitialStatus(caller.tenant, i.id, i.status, 'contract-accepted', caller.subject, now);
        created.push({ id, orderNumber, section, items, dueDate });
      }
      for (const p of promises) {
        const workOrderId = created.find((w) => w.items.some((i) => i.id === p.item.itemId))!.id;
        await limits.insertPromise(caller.tenant, {
          itemId: p.item.itemId, contractId, workOrderId, serviceKind: p.item.serviceKind, discipline: p.item.discipline,
          workingDays: p.workingDays, startedOn: today, promisedDate: p.promised, requestedDate: p.item.requestedCompletionDate,
        });
      }
      // Items removed by a change are cancelled where they were already in a work order.
      const current = new Set(version.items.map((i) => i.itemId));
      const cancelled: string[] = [];
      for (const [itemId, old] of existing) {
        if (!current.has(itemId) && old.status !== 'returned' && old.status !== 'cancelled') {
          await this.progress.advance(em, { tenant: caller.tenant, itemId, to: 'cancelled', source: `contract-version-${version.version}`, by: caller.subject, now, today });
          cancelled.push(itemId);
        }
      }
      await repository.markAccepted(contractId, version.version, review!.id, caller.subject, now);
      await rememberTenant(em, caller.tenant);

      const workOrderOf = (itemId: string) => created.find((w) => w.items.some((i) => i.id === itemId)) ?? null;
      // R-6.4.2.1: certificates name the customer. An organisation's name and address travel; a
      // natural person's never do (personal data stays in intake), so then `customer` is null.
      const [party] = await em.query(`select name, kind, address from customer where id = $1`, [contract.customerId]);
      const customer = party?.kind === 'organisation' ? { name: party.name as string, address: (party.address as string | null) || null } : null;
      await this.outbox.add(em, {
        type: 'intake.contract.accepted',
        tenant: caller.tenant,
        aggregateId: contractId,
        payload: {
          contractId, contractNumber: contract.number, version: version.version, reviewId: review!.id, customerId: contract.customerId, customer,
          items: [
            ...version.items.map((item) => {
              const wo = workOrderOf(item.itemId);
              const old = existing.get(item.itemId);
              return {
                itemId: item.itemId,
                disposition: dispositions.get(item.itemId)!,
                workOrderId: wo?.id ?? old?.workOrderId ?? null,
                section: wo?.section ?? old?.section ?? null,
                promisedDate: promises.find((p) => p.item.itemId === item.itemId)?.promised ?? old?.promisedDate ?? null,
                decisionRule: agreedDecisionRule(item),
                report: item.report,
              };
            }),
            ...cancelled.map((itemId) => ({ itemId, disposition: 'cancelled' as const, workOrderId: existing.get(itemId)!.workOrderId, section: existing.get(itemId)!.section, promisedDate: null })),
          ],
          acceptedAt: now.toISOString(),
        },
      });
      for (const wo of created) {
        // The v1 event the records service consumes: one pending record per item.
        await this.outbox.add(em, {
          type: 'intake.work-order.created',
          tenant: caller.tenant,
          aggregateId: wo.id,
          payload: {
            workOrderId: wo.id, orderNumber: wo.orderNumber, customerId: contract.customerId, placeOfWork: wo.items[0].place, dueDate: wo.dueDate,
            items: wo.items.map((i) => ({ itemId: i.id, description: i.description, serialNumber: i.serialNumber, serviceKind: i.serviceKind, methodCode: i.methodCode })),
          },
        });
        for (const i of wo.items) {
          await this.outbox.add(em, {
            type: 'intake.item.status-changed',
            tenant: caller.tenant,
            aggregateId: i.id,
            payload: { itemId: i.id, contractId, workOrderId: wo.id, status: i.status, previousStatus: null, changedAt: now.toISOString() },
          });
        }
      }
      return {
        contract: { ...contract, status: 'accepted' as const, acceptedVersion: version.version },
        workOrders: created.map((w) => ({ id: w.id, orderNumber: w.orderNumber, section: w.section, dueDate: w.dueDate, itemIds: w.items.map((i) => i.id) })),
        cancelledItemIds: cancelled,
      };
    });
  }

  // ---------------------------------------------------------------- queries

  async get(contractId: string, caller: Caller) {
    return this.read(caller, async (repository, em) => {
      const contract = await repository.find(contractId);
      if (!contract) throw ProblemException.notFound('Contract', contractId);
      const [version, reviews, subcontracting, deviations, consents, versions] = [
        await repository.version(contractId, contract.currentVersion),
        await repository.reviews(contractId),
        await repository.subcontracting(contractId),
        await repository.deviations(contractId),
        await repository.consents(contractId),
        await repository.versions(contractId),
      ];
      const latest = reviews[reviews.length - 1] ?? null;
      const blocked = blockedItems(deviations);
      const [customer] = await em.query(`select name from customer where id = $1`, [contract.customerId]);
      return {
        ...contract,
        customerName: customer?.name ?? null,
        version,
        versions,
        latestReview: latest && {
          id: latest.id, contractVersion: latest.contractVersion, outcome: latest.outcome, trigger: latest.trigger, reviewedAt: latest.reviewedAt,
          customerMustBeTold: latest.customerMustBeTold, current: latest.contractVersion === contract.currentVersion,
        },
        reviewCount: reviews.length,
        subcontracting,
        deviations,
        blockedItemIds: [...blocked.keys()],
        consents,
      };
    });
  }

  list(filter: ContractFilter, limit: number, offset: number, caller: Caller) {
    return this.read(caller, (repository) => repository.list(filter, limit, offset));
  }

  async version(contractId: string, version: number, caller: Caller) {
    const found = await this.read(caller, (repository) => repository.version(contractId, version));
    if (!found) throw ProblemException.notFound('Contract version', `${contractId}/${version}`);
    return found;
  }

  async reviews(contractId: string, caller: Caller) {
    return this.read(caller, async (repository) => {
      if (!(await repository.find(contractId))) throw ProblemException.notFound('Contract', contractId);
      return repository.reviews(contractId);
    });
  }

  async reviewRecord(reviewId: string, caller: Caller) {
    const review = await this.read(caller, (repository) => repository.review(reviewId));
    if (!review) throw ProblemException.notFound('Contract review', reviewId);
    return review;
  }

  /** where each item of the contract is, end to end. */
  async tracking(contractId: string, caller: Caller) {
    return this.read(caller, async (repository, em) => {
      const contract = await repository.find(contractId);
      if (!contract) throw ProblemException.notFound('Contract', contractId);
      const version = (await repository.version(contractId, contract.currentVersion))!;
      const tracked = new Map((await new ContractWorkOrderRepository(em).itemsOfContract(contractId)).map((i) => [i.itemId, i]));
      const promises = new Map((await new TimeLimitRepository(em).promisesOf(contractId)).map((p) => [p.itemId, p]));
      const subcontracting = await repository.subcontracting(contractId);
      const blocked = blockedItems(await repository.deviations(contractId));
      const latest = await repository.latestReview(contractId);
      const intakes: { itemId: string; label: string }[] = await em.query(`select item_id as "itemId", label from item_intake where contract_id = $1`, [contractId]);
      const itemIds = [...new Set([...version.items.map((i) => i.itemId), ...tracked.keys()])];
      return {
        contractId,
        number: contract.number,
        status: contract.status,
        items: itemIds.map((itemId) => {
          const item = version.items.find((i) => i.itemId === itemId) ?? null;
          const t = tracked.get(itemId);
          const p = promises.get(itemId);
          const failed = latest?.contractVersion === contract.currentVersion ? latest.checks.filter((c) => c.itemId === itemId && c.outcome === 'fail').map((c) => c.check) : null;
          return {
            itemId,
            position: item?.position ?? null,
            description: item ? describeItem(item) : null,
            inCurrentVersion: item !== null,
            reviewFailedChecks: failed,
            subcontracting: subcontracting.find((s) => s.itemId === itemId && s.status !== 'withdrawn')?.status ?? null,
            blockedByDeviation: blocked.get(itemId)?.id ?? null,
            label: intakes.find((i) => i.itemId === itemId)?.label ?? null,
            status: t?.status ?? (contract.status === 'accepted' ? null : 'not-accepted'),
            workOrderId: t?.workOrderId ?? null,
            orderNumber: t?.orderNumber ?? null,
            section: t?.section ?? null,
            dispatched: t ? t.workOrderStatus === 'dispatched' || t.workOrderStatus === 'completed' : false,
            promisedDate: p?.promisedDate ?? null,
            completedOn: p?.completedOn ?? null,
          };
        }),
      };
    });
  }
}
