import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, ProblemException, LabCalendar, TenantTransactions } from '@calchain/platform';
import { IsoDate } from '@calchain/platform/calendar';
import { EquipmentRepository } from '../../ledger/infrastructure/equipment.repository';
import { MethodVersion, modelBreach, verificationBreach } from '../domain/method';
import { MethodRepository, StoredMethod } from '../infrastructure/method.repository';
import { CreateMethodInput } from '../api/methods.dto';
import { MethodPublisher, MethodView } from './method-publisher';

/** method library use cases; every change re-announces the version. */
@Injectable()
export class MethodLibraryService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly calendar: LabCalendar,
    private readonly publisher: MethodPublisher,
  ) {}

  async create(input: CreateMethodInput, caller: Caller): Promise<MethodView> {
    const breach = modelBreach(input.measurementModel);
    if (breach) throw ProblemException.validation([{ field: 'measurementModel.expression', rule: 'model', message: breach }]);
    const method: MethodVersion = {
      ...input, id: randomUUID(), withdrawnOn: null, supersededBy: null, validatedOn: null, validationReference: null, verifiedOn: null, verificationReference: null,
    };
    return this.change(caller, method.id, async (em, repository) => {
      await new EquipmentRepository(em).registerTenant(caller.tenant);
      if (!(await repository.insert(caller.tenant, method, caller.subject))) throw ProblemException.conflict(`${input.code} version ${input.version} is in the library already.`);
    }, false);
  }

  /** validation is for non-standard methods (standard ones are verified directly). */
  async validate(id: string, on: IsoDate, reference: string, caller: Caller): Promise<MethodView> {
    return this.change(caller, id, async (_em, repository, method) => {
      if (method.type !== 'non-standard') throw ProblemException.ruleViolation('R-5.2.4', 'Standard methods are verified before use, not validated.', 'type');
      await repository.setValidated(id, on, reference);
    });
  }

  async verify(id: string, on: IsoDate, reference: string, caller: Caller): Promise<MethodView> {
    return this.change(caller, id, async (_em, repository, method) => {
      const breach = verificationBreach(method, on);
      if (breach) throw ProblemException.ruleViolation('R-5.2.4', breach, 'on');
      await repository.setVerified(id, on, reference);
    });
  }

  async withdraw(id: string, withdrawnOn: IsoDate, supersededById: string | null, caller: Caller): Promise<MethodView> {
    return this.change(caller, id, async (_em, repository, method) => {
      if (method.withdrawnOn) throw ProblemException.conflict(`${method.code} ${method.version} is withdrawn from ${method.withdrawnOn} already.`);
      if (supersededById) {
        if (supersededById === id) throw ProblemException.validation([{ field: 'supersededById', rule: 'different', message: 'a method cannot supersede itself' }]);
        if (!(await repository.find(supersededById))) throw ProblemException.notFound('Method', supersededById);
      }
      await repository.setWithdrawn(id, withdrawnOn, supersededById);
    });
  }

  /** periodic currency review, kept as a record; it moves the next review date. */
  async review(id: string, input: { reviewedOn: IsoDate; outcome: string; notes: string }, caller: Caller): Promise<MethodView> {
    return this.change(caller, id, (_em, repository) =>
      repository.addReview({ id: randomUUID(), tenantId: caller.tenant, methodId: id, reviewedBy: caller.subject, ...input }),
    );
  }

  async get(id: string, caller: Caller) {
    const today = this.calendar.today();
    return this.tx.read(caller.tenant, async (em) => {
      const repository = new MethodRepository(em);
      const method = await repository.find(id);
      if (!method) throw ProblemException.notFound('Method', id);
      return { ...(await this.publisher.view(em, method, today)), validatedOn: method.validatedOn, verifiedOn: method.verifiedOn, reviews: await repository.reviews(id) };
    });
  }

  async list(code: string | undefined, caller: Caller): Promise<MethodView[]> {
    const today = this.calendar.today();
    return this.tx.read(caller.tenant, async (em) => {
      const views: MethodView[] = [];
      for (const m of await new MethodRepository(em).list(code)) views.push(await this.publisher.view(em, m, today));
      return views;
    });
  }

  /** methods in force whose currency review is due by today. */
  async reviewsDue(caller: Caller): Promise<MethodView[]> {
    const today = this.calendar.today();
    return (await this.list(undefined, caller)).filter((m) => m.nextReviewDue !== null && m.nextReviewDue <= today);
  }

  private async change(
    caller: Caller,
    id: string,
    work: (em: EntityManager, repository: MethodRepository, method: StoredMethod) => Promise<void>,
    mustExist = true,
  ): Promise<MethodView> {
    const today = this.calendar.today();
    return this.tx.run(caller.tenant, async (em) => {
      const repository = new MethodRepository(em);
      const before = await repository.find(id, true);
      if (mustExist && !before) throw ProblemException.notFound('Method', id);
      await work(em, repository, before!);
      await this.publisher.refresh(em, caller.tenant, today, [id]);
      return this.publisher.view(em, (await repository.find(id))!, today);
    });
  }
}
