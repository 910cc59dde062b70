import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, ProblemException, LabCalendar, TenantTransactions } from '@calchain/platform';
import { EquipmentRepository } from '../../ledger/infrastructure/equipment.repository';
import { StandardCertificate, scopeBreaches } from '../domain/measurement-standard';
import { MeasurementStandardRepository } from '../infrastructure/measurement-standard.repository';
import { CreateStandardInput, ScopeInput } from '../api/standards.dto';
import { ScopePublisher, ScopeView } from './scope-publisher';

/** use cases: standards, their certificates, equipment and authorised scope; every change re-announces the scope. */
@Injectable()
export class MeasurementStandardService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly calendar: LabCalendar,
    private readonly scopes: ScopePublisher,
  ) {}

  async create(input: CreateStandardInput, caller: Caller): Promise<ScopeView> {
    const id = randomUUID();
    return this.change(caller, id, async (em, repository) => {
      await new EquipmentRepository(em).registerTenant(caller.tenant);
      const standard = { id, code: input.code, name: input.name, category: input.category, servesSociety: input.servesSociety, responsibleId: input.responsibleId };
      if (!(await repository.insert(caller.tenant, standard, caller.subject))) throw ProblemException.conflict(`Measurement standard ${input.code} exists already.`);
      await this.assignEquipment(em, repository, caller, id, input.equipmentIds);
    }, false);
  }

  async addCertificate(id: string, certificate: StandardCertificate, caller: Caller): Promise<ScopeView> {
    if (certificate.validUntil < certificate.issuedOn) {
      throw ProblemException.ruleViolation('R-4.1.2', 'A certificate cannot expire before it was issued.', 'validUntil');
    }
    return this.change(caller, id, async (_em, repository) => {
      if (!(await repository.addCertificate(caller.tenant, id, certificate))) {
        throw ProblemException.conflict(`A ${certificate.kind} certificate ${certificate.number} is recorded already.`);
      }
    });
  }

  async replaceScope(id: string, input: ScopeInput, caller: Caller): Promise<ScopeView> {
    const breaches = scopeBreaches(input.items);
    if (breaches.length) {
      const problem = ProblemException.ruleViolation('R-4.1.2', breaches[0].message, breaches[0].field);
      problem.problem.errors = breaches.map((b) => ({ ...b, rule: 'business-rule', requirement: 'R-4.1.2' }));
      throw problem;
    }
    return this.change(caller, id, (_em, repository) => repository.replaceScope(caller.tenant, id, input.items));
  }

  async replaceEquipment(id: string, equipmentIds: string[], caller: Caller): Promise<ScopeView> {
    return this.change(caller, id, (em, repository) => this.assignEquipment(em, repository, caller, id, equipmentIds));
  }

  async suspend(id: string, reason: string | null, caller: Caller): Promise<ScopeView> {
    return this.change(caller, id, (_em, repository) => repository.setSuspended(id, reason));
  }

  async get(id: string, caller: Caller): Promise<ScopeView> {
    return this.view(caller.tenant, id);
  }

  async list(tenant: string): Promise<ScopeView[]> {
    const today = this.calendar.today();
    return this.tx.read(tenant, async (em) => {
      const views: ScopeView[] = [];
      for (const id of await new MeasurementStandardRepository(em).ids()) views.push((await this.scopes.view(em, id, today))!);
      return views;
    });
  }

  private async view(tenant: string, id: string): Promise<ScopeView> {
    const view = await this.tx.read(tenant, (em) => this.scopes.view(em, id, this.calendar.today()));
    if (!view) throw ProblemException.notFound('Measurement standard', id);
    return view;
  }

  private async assignEquipment(em: EntityManager, repository: MeasurementStandardRepository, caller: Caller, id: string, equipmentIds: string[]) {
    const unique = [...new Set(equipmentIds)];
    const ledger = new EquipmentRepository(em);
    for (const [i, equipmentId] of unique.entries()) {
      const equipment = await ledger.find(equipmentId);
      if (!equipment) throw ProblemException.validation([{ field: `equipmentIds.${i}`, rule: 'exists', message: `equipment ${equipmentId} is not in the ledger` }]);
      if (equipment.retiredOn) throw ProblemException.ruleViolation('R-4.1.2', `Equipment ${equipment.assetNumber} is retired.`, `equipmentIds.${i}`);
    }
    await repository.replaceEquipment(caller.tenant, id, unique);
  }

  /** Locks the standard, applies the change, re-announces the scope if it differs — one transaction. */
  private async change(
    caller: Caller,
    id: string,
    work: (em: EntityManager, repository: MeasurementStandardRepository) => Promise<void>,
    mustExist = true,
  ): Promise<ScopeView> {
    const today = this.calendar.today();
    return this.tx.run(caller.tenant, async (em) => {
      const repository = new MeasurementStandardRepository(em);
      if (mustExist && !(await repository.find(id, true))) throw ProblemException.notFound('Measurement standard', id);
      await work(em, repository);
      await this.scopes.refresh(em, caller.tenant, today, [id]);
      return (await this.scopes.view(em, id, today))!;
    });
  }
}
