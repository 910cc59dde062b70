import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, inTenantTransaction, Outbox, ProblemException, LabCalendar } from '@calchain/platform';
import { QUALITY_CONFIG, QualityConfig } from '../../config/quality-config';
import { ImprovementService } from '../../improvement/application/improvement-service';
import { UnitOfWork } from '../../shared/application/unit-of-work';
import { violation } from '../../shared/domain/rule-violation';
import { nextNumber, rememberInstitution } from '../../shared/infrastructure/numbering';
import { PERSONAL_DATA_PROTECTOR, PersonalDataProtector } from '../../shared/infrastructure/personal-data-protector';
import {
  assertOpen, canReadComplaint, canSeeComplainant, checkReceivedAt, Complainant, ComplaintChannel, ComplaintOutcome, ComplaintState,
  decideClose, decideExtension, dueAt, ExtensionRequest, newlyBreached,
} from '../domain/complaint';
import { publishedFlow, usableChannels } from '../domain/complaint-policy';
import { ComplaintRepository, ComplaintRow, PolicyFields } from '../infrastructure/complaint.repository';

export interface NewComplaint {
  channel: ComplaintChannel;
  category: string;
  subject: string;
  description: string;
  workOrderId: string | null;
  receivedAt: Date | null;
  confidential: boolean;
  complainant: Complainant;
}

/**
 * Complaint handling (R-8.3.1..R-8.3.4, R-9.1, R-9.2). The complainant is encrypted before the
 * row is written and decrypted only for a caller `canSeeComplainant` admits; events, the
 * improvement register, statistics and regulator views are built without it.
 */
@Injectable()
export class ComplaintService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly time: LabCalendar,
    private readonly improvement: ImprovementService,
    @Inject(PERSONAL_DATA_PROTECTOR) private readonly protector: PersonalDataProtector,
    @Inject(QUALITY_CONFIG) private readonly config: QualityConfig,
  ) {}

  /** publishes the policy as sent (a full replacement); published today. */
  setPolicy(caller: Caller, policy: PolicyFields) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new ComplaintRepository(em);
      await repository.setPolicy(caller.tenant, policy, this.time.today(), caller.subject);
      await rememberInstitution(em, caller.tenant);
      return repository.policy();
    });
  }

  /**
   * for the public disclosure pages: the channels a complainant can actually use
   * with the number and addresses to use them, the handling flow and the time limit. An institution
   * that has published nothing still shows the web form, a visit, the default flow and time limit.
   */
  async publishedPolicy(institution: string) {
    const policy = await inTenantTransaction(this.dataSource, institution, (em) => new ComplaintRepository(em).policy());
    const contacts = {
      phone: policy?.phone ?? null,
      email: policy?.email ?? null,
      postalAddress: policy?.postalAddress ?? null,
      officeHours: policy?.officeHours ?? null,
    };
    return {
      institution,
      channels: usableChannels(contacts),
      contacts,
      ...publishedFlow(policy?.flow ?? null),
      handlingDays: policy?.handlingDays ?? this.config.QUALITY_DEFAULT_COMPLAINT_DAYS,
      publishedOn: policy?.publishedOn ?? null,
    };
  }

  register(caller: Caller, input: NewComplaint) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new ComplaintRepository(em);
      const now = this.time.now();
      // A customer files through the web form, at the moment of filing.
      const isCustomer = caller.roles.includes('customer');
      const channel = isCustomer ? 'web-form' : input.channel;
      const receivedAt = isCustomer || !input.receivedAt ? now : input.receivedAt;
      checkReceivedAt(receivedAt, now);
      const handlingDays = (await repository.policy())?.handlingDays ?? this.config.QUALITY_DEFAULT_COMPLAINT_DAYS;
      const complaint: ComplaintRow = {
        id: randomUUID(),
        number: await nextNumber(em, caller.tenant, 'CMP', now.getUTCFullYear()),
        channel,
        category: input.category,
        subject: input.subject,
        description: input.description,
        workOrderId: input.workOrderId,
        confidential: input.confidential,
        receivedAt,
        handlingDays,
        dueAt: dueAt(receivedAt, handlingDays),
        status: 'received',
        breachedAt: null,
        outcome: null,
        resolution: null,
        closedAt: null,
        withinTimeLimit: null,
        registeredBy: caller.subject,
        registeredAt: now,
      };
      await repository.insert(caller.tenant, complaint, this.protector.encrypt(JSON.stringify(input.complainant), 'complaint.complainant'));
      await repository.addStep(caller.tenant, complaint.id, 'registered', `via ${channel}`, caller.subject, now);
      await rememberInstitution(em, caller.tenant);
      await this.outbox.add(em, {
        type: 'quality.complaint.registered',
        tenant: caller.tenant,
        aggregateId: complaint.id,
        payload: {
          complaintId: complaint.id, number: complaint.number, channel, category: complaint.category, workOrderId: complaint.workOrderId,
          receivedAt: receivedAt.toISOString(), dueAt: complaint.dueAt.toISOString(),
        },
      });
      // every complaint is an improvement source. Number and category only: the subject
      // is the complainant's own words and may name them.
      await this.improvement.addRegisterEntryIn(em, caller.tenant, {
        source: 'complaint', sourceRef: complaint.id, summary: `${complaint.number}: complaint about ${complaint.category}`, requirement: 'R-8.3.1',
      }, caller.subject);
      // The filer gets the receipt (number, time limit), not the stored record.
      return { id: complaint.id, number: complaint.number, receivedAt, dueAt: complaint.dueAt, handlingDays, status: complaint.status };
    });
  }

  assignHandler(caller: Caller, id: string, handler: string) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new ComplaintRepository(em);
      const complaint = await this.load(repository, id, caller, true);
      assertOpen(complaint);
      const now = this.time.now();
      await repository.addHandler(caller.tenant, id, handler, caller.subject, now);
      await repository.addStep(caller.tenant, id, 'handler-assigned', handler, caller.subject, now);
      if (complaint.status === 'received') await repository.update(id, { status: 'in-handling' });
      return this.view(em, id, caller);
    });
  }

  addStep(caller: Caller, id: string, step: { kind: string; note: string }) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new ComplaintRepository(em);
      const complaint = await this.load(repository, id, caller, true);
      this.assertHandler(complaint, caller);
      assertOpen(complaint);
      await repository.addStep(caller.tenant, id, step.kind, step.note, caller.subject, this.time.now());
      return this.view(em, id, caller);
    });
  }

  extend(caller: Caller, id: string, request: ExtensionRequest) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new ComplaintRepository(em);
      const complaint = await this.load(repository, id, caller, true);
      this.assertHandler(complaint, caller);
      const now = this.time.now();
      decideExtension(complaint, request, now, this.time.today());
      const agreement = request.complainantAgreement!;
      await repository.addExtension(caller.tenant, {
        id: randomUUID(), complaintId: id, previousDueAt: complaint.dueAt, newDueAt: request.newDueAt, reason: request.reason,
        agreedOn: agreement.agreedOn, agreedVia: agreement.via, recordedBy: caller.subject, recordedAt: now,
      });
      await repository.update(id, { dueAt: request.newDueAt });
      await repository.addStep(caller.tenant, id, 'extension-agreed', `new time limit ${request.newDueAt.toISOString()}: ${request.reason}`, caller.subject, now);
      return this.view(em, id, caller);
    });
  }

  /** close and archive; an upheld complaint is a real problem to correct. */
  close(caller: Caller, id: string, input: { outcome: ComplaintOutcome; resolution: string; openCorrectiveAction: boolean }) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new ComplaintRepository(em);
      const complaint = await this.load(repository, id, caller, true);
      this.assertHandler(complaint, caller);
      decideClose(complaint, input.resolution);
      const now = this.time.now();
      const withinTimeLimit = now.getTime() <= complaint.dueAt.getTime();
      await repository.update(id, { status: 'closed', outcome: input.outcome, resolution: input.resolution, closedAt: now, withinTimeLimit });
      await repository.addStep(caller.tenant, id, 'closed', `${input.outcome}: ${input.resolution}`, caller.subject, now);
      await this.outbox.add(em, {
        type: 'quality.complaint.closed',
        tenant: caller.tenant,
        aggregateId: id,
        payload: { complaintId: id, number: complaint.number, outcome: input.outcome, withinTimeLimit, closedAt: now.toISOString() },
      });
      if (input.outcome === 'upheld' || input.outcome === 'partly-upheld') {
        await this.improvement.raiseFindingIn(em, caller.tenant, {
          source: 'complaint', sourceRef: id, severity: 'minor', requirement: 'R-9.1',
          title: `Complaint ${complaint.number} (${complaint.category}) ${input.outcome}`, description: null, itemCode: null,
        }, caller.subject, input.openCorrectiveAction ? { openCorrectiveAction: { dueOn: null } } : {});
      }
      return this.view(em, id, caller);
    });
  }

  /** Sweep step: complaints open past their limit are recorded as breached, once. */
  async detectBreachesIn(em: EntityManager, tenant: string): Promise<number> {
    const repository = new ComplaintRepository(em);
    const now = this.time.now();
    const overdue = await repository.newlyOverdue(now);
    for (const complaint of overdue) {
      const handlers = (await repository.handlers(complaint.id)).map((h) => h.handler);
      if (!newlyBreached({ ...complaint, handlers }, now)) continue;
      await repository.update(complaint.id, { breachedAt: now });
      await repository.addStep(tenant, complaint.id, 'time-limit-breached', `due ${complaint.dueAt.toISOString()}`, 'system:quality-sweep', now);
      await this.outbox.add(em, {
        type: 'quality.complaint.time-limit-breached',
        tenant,
        aggregateId: complaint.id,
        payload: { complaintId: complaint.id, number: complaint.number, dueAt: complaint.dueAt.toISOString(), detectedAt: now.toISOString() },
      });
      await this.improvement.raiseFindingIn(em, tenant, {
        source: 'complaint', sourceRef: complaint.id, severity: 'minor', requirement: 'R-8.3.2',
        title: `Complaint ${complaint.number} not handled within its time limit`, description: null, itemCode: null,
        dedupeKey: `complaint-breach:${complaint.id}`,
      }, 'system:quality-sweep');
    }
    return overdue.length;
  }

  get(caller: Caller, id: string) {
    return this.uow.read(caller.tenant, async (em) => {
      await this.load(new ComplaintRepository(em), id, caller);
      return this.view(em, id, caller);
    });
  }

  /** Quality management's list: never with the complainant. */
  list(caller: Caller, filter: { status?: string }) {
    return this.uow.read(caller.tenant, async (em) => (await new ComplaintRepository(em).list(filter)).map((c) => this.withClock(c)));
  }

  /** regulator view: what happened and how fast, never who complained or in what words. */
  regulatorList(caller: Caller, range: { from: Date; to: Date }) {
    return this.uow.read(caller.tenant, async (em) =>
      (await new ComplaintRepository(em).list(range)).map((c) => ({
        number: c.number, channel: c.channel, category: c.category, receivedAt: c.receivedAt, dueAt: c.dueAt, status: c.status,
        outcome: c.outcome, closedAt: c.closedAt, withinTimeLimit: c.withinTimeLimit, timeLimitBreached: c.breachedAt !== null,
      })),
    );
  }

  statistics(caller: Caller, range: { from: Date; to: Date }) {
    return this.uow.read(caller.tenant, async (em) => ({
      from: range.from, to: range.to, ...(await new ComplaintRepository(em).statistics(range.from, range.to)),
    }));
  }

  private withClock(c: ComplaintRow) {
    const now = this.time.now();
    const open = c.status !== 'closed';
    return { ...c, overdue: open && now.getTime() > new Date(c.dueAt).getTime(), hoursLeft: open ? Math.floor((new Date(c.dueAt).getTime() - now.getTime()) / 3_600_000) : null };
  }

  private async load(repository: ComplaintRepository, id: string, caller: Caller, lock = false): Promise<ComplaintRow & ComplaintState> {
    const complaint = await repository.find(id, lock);
    if (!complaint) throw ProblemException.notFound('Complaint', id);
    const handlers = (await repository.handlers(id)).map((h) => h.handler);
    // Not visible = not found: a non-handler does not learn that the complaint exists.
    if (!canReadComplaint({ handlers }, caller)) throw ProblemException.notFound('Complaint', id);
    return { ...complaint, handlers };
  }

  private assertHandler(complaint: ComplaintState, caller: Caller): void {
    if (!complaint.handlers.includes(caller.subject)) {
      violation('R-8.3.3', 'handler', 'assigned-handler-only', 'Only an assigned handler works on a complaint.');
    }
  }

  /** The archived record, with the complainant only for those admits. */
  private async view(em: EntityManager, id: string, caller: Caller) {
    const repository = new ComplaintRepository(em);
    const complaint = (await repository.find(id))!;
    const handlers = await repository.handlers(id);
    const state = { confidential: complaint.confidential, handlers: handlers.map((h) => h.handler) };
    const visible = canSeeComplainant(state, caller);
    const steps = await repository.steps(id);
    return {
      ...this.withClock(complaint),
      complainant: visible ? (JSON.parse(this.protector.decrypt(await repository.complainantCipher(id), 'complaint.complainant')) as Complainant) : null,
      complainantVisible: visible,
      handlers,
      extensions: await repository.extensions(id),
      steps,
    };
  }
}
