import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, ProblemException, LabCalendar, TenantTransactions } from '@calchain/platform';
import { IsoDate } from '@calchain/platform/calendar';
import { EquipmentRecord, ledgerRuleBreaches, newEquipment } from '../domain/equipment';
import { DerivedStatus, deriveStatus, SuspensionReason } from '../domain/equipment-status';
import { EquipmentRepository } from '../infrastructure/equipment.repository';
import { RegisterEquipmentInput, UpdateEquipmentInput } from '../api/ledger.dto';
import { StatusPublisher } from './status-publisher';

export type EquipmentWithStatus = EquipmentRecord & DerivedStatus;

export function refuseBreaches(breaches: { requirement: string; field: string; message: string }[]): void {
  if (breaches.length === 0) return;
  const [first] = breaches;
  const problem = ProblemException.ruleViolation(first.requirement, first.message, first.field);
  problem.problem.errors = breaches.map((b) => ({ field: b.field, rule: 'business-rule', message: b.message, requirement: b.requirement }));
  throw problem;
}

/** Loads equipment (locked for change) or answers 404. */
export async function equipmentOr404(em: EntityManager, id: string, lock = false): Promise<EquipmentRecord> {
  const equipment = await new EquipmentRepository(em).find(id, lock);
  if (!equipment) throw ProblemException.notFound('Equipment', id);
  return equipment;
}

/** Status of one piece on a day, derived from its facts as they stood that day. */
export async function statusOn(em: EntityManager, id: string, on: IsoDate): Promise<DerivedStatus> {
  const [row] = await new EquipmentRepository(em).statusFacts(on, [id]);
  if (!row) throw ProblemException.notFound('Equipment', id);
  return deriveStatus(row, on);
}

/** Use cases of the equipment ledger and file. */
@Injectable()
export class EquipmentLedgerService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly calendar: LabCalendar,
    private readonly status: StatusPublisher,
  ) {}

  async register(input: RegisterEquipmentInput, caller: Caller): Promise<EquipmentWithStatus> {
    refuseBreaches(ledgerRuleBreaches(input));
    const today = this.calendar.today();
    return this.tx.run(caller.tenant, async (em) => {
      const repository = new EquipmentRepository(em);
      await repository.registerTenant(caller.tenant);
      const equipment = newEquipment(input, { tenantId: caller.tenant, createdBy: caller.subject });
      if (!(await repository.insert(equipment))) throw ProblemException.conflict(`Asset number ${input.assetNumber} is in the ledger already.`);
      await repository.addHistory(caller.tenant, equipment.id, 'registered', { assetNumber: equipment.assetNumber, location: equipment.location }, caller.subject);
      await this.status.refresh(em, caller.tenant, today, [equipment.id]);
      return { ...equipment, ...(await statusOn(em, equipment.id, today)) };
    });
  }

  async update(id: string, changes: UpdateEquipmentInput, caller: Caller): Promise<EquipmentWithStatus> {
    const today = this.calendar.today();
    return this.tx.run(caller.tenant, async (em) => {
      const repository = new EquipmentRepository(em);
      const before = await equipmentOr404(em, id, true);
      if (before.retiredOn) throw ProblemException.ruleViolation('R-7.1.2', 'Retired equipment is kept as it was; its file no longer changes.', 'id');
      const after: EquipmentRecord = { ...before, ...changes };
      refuseBreaches(ledgerRuleBreaches(after));
      await repository.update(after);
      const changed = Object.fromEntries(
        Object.keys(changes).map((k) => [k, { from: before[k as keyof EquipmentRecord], to: after[k as keyof EquipmentRecord] }]),
      );
      await repository.addHistory(caller.tenant, id, 'changed', changed, caller.subject);
      await this.status.refresh(em, caller.tenant, today, [id]);
      return { ...after, ...(await statusOn(em, id, today)) };
    });
  }

  async addDocument(id: string, doc: { kind: string; title: string; reference: string }, caller: Caller) {
    return this.tx.run(caller.tenant, async (em) => {
      await equipmentOr404(em, id);
      const repository = new EquipmentRepository(em);
      const documentId = randomUUID();
      await repository.addDocument({ id: documentId, tenantId: caller.tenant, equipmentId: id, addedBy: caller.subject, ...doc });
      await repository.addHistory(caller.tenant, id, 'document-added', { documentId, kind: doc.kind, title: doc.title }, caller.subject);
      return { id: documentId, ...doc };
    });
  }

  /** The equipment file: identity, live status, calibrations, confirmations, suspensions, documents. */
  async file(id: string, caller: Caller) {
    const today = this.calendar.today();
    return this.tx.read(caller.tenant, async (em) => {
      const repository = new EquipmentRepository(em);
      const equipment = await equipmentOr404(em, id);
      return {
        ...equipment,
        ...(await statusOn(em, id, today)),
        calibrations: await repository.calibrations(id),
        confirmations: await repository.confirmations(id),
        suspensions: await repository.suspensions(id),
        documents: await repository.documents(id),
      };
    });
  }

  async list(filter: { status?: string; kind?: string }, caller: Caller): Promise<EquipmentWithStatus[]> {
    const today = this.calendar.today();
    return this.tx.read(caller.tenant, async (em) => {
      const repository = new EquipmentRepository(em);
      const statuses = new Map((await repository.statusFacts(today)).map((row) => [row.id, deriveStatus(row, today)]));
      return (await repository.list())
        .map((e) => ({ ...e, ...statuses.get(e.id)! }))
        .filter((e) => (!filter.status || e.status === filter.status) && (!filter.kind || e.kind === filter.kind));
    });
  }

  async history(id: string, caller: Caller) {
    return this.tx.read(caller.tenant, async (em) => {
      await equipmentOr404(em, id);
      return new EquipmentRepository(em).history(id);
    });
  }

  /** may this equipment be used on a day (today by default)? */
  async usability(id: string, on: IsoDate | undefined, caller: Caller) {
    const day = on ?? this.calendar.today();
    return this.tx.read(caller.tenant, async (em) => ({ equipmentId: id, on: day, ...(await statusOn(em, id, day)) }));
  }

  /** Suspends or removes from service by decision; both are lifted only by a recorded decision too. */
  async suspend(id: string, kind: 'suspended' | 'out-of-service', reason: string, caller: Caller, on?: IsoDate) {
    const day = on ?? this.calendar.today();
    const reasonCode: SuspensionReason = kind === 'suspended' ? 'suspended-by-decision' : 'removed-from-service';
    return this.tx.run(caller.tenant, (em) => this.openSuspension(em, caller, id, { kind, reasonCode, reason, sourceId: null, startedOn: day }));
  }

  /** Opens a suspension inside a caller's transaction (also used by checks and confirmations). */
  async openSuspension(
    em: EntityManager,
    caller: Caller,
    id: string,
    s: { kind: 'suspended' | 'out-of-service'; reasonCode: SuspensionReason; reason: string; sourceId: string | null; startedOn: IsoDate },
  ) {
    const equipment = await equipmentOr404(em, id, true);
    if (equipment.retiredOn) throw ProblemException.ruleViolation('R-7.1.2', 'Retired equipment cannot be suspended.', 'id');
    const repository = new EquipmentRepository(em);
    const suspension = { id: randomUUID(), equipmentId: id, startedBy: caller.subject, liftedOn: null, liftedBy: null, liftReason: null, ...s };
    await repository.insertSuspension(caller.tenant, suspension);
    await repository.addHistory(caller.tenant, id, s.kind === 'suspended' ? 'suspended' : 'removed-from-service', { suspensionId: suspension.id, reasonCode: s.reasonCode, reason: s.reason }, caller.subject);
    await this.status.refresh(em, caller.tenant, this.calendar.today(), [id]);
    return suspension;
  }

  async lift(id: string, suspensionId: string, reason: string, caller: Caller) {
    const today = this.calendar.today();
    return this.tx.run(caller.tenant, async (em) => {
      await equipmentOr404(em, id, true);
      const repository = new EquipmentRepository(em);
      const suspension = (await repository.suspensions(id)).find((s) => s.id === suspensionId);
      if (!suspension) throw ProblemException.notFound('Suspension', suspensionId);
      if (suspension.liftedOn) throw ProblemException.conflict(`Suspension ${suspensionId} was lifted on ${suspension.liftedOn}.`);
      await repository.liftSuspension(suspensionId, today, caller.subject, reason);
      await repository.addHistory(caller.tenant, id, suspension.kind === 'suspended' ? 'suspension-lifted' : 'returned-to-service', { suspensionId, reason }, caller.subject);
      await this.status.refresh(em, caller.tenant, today, [id]);
      return { ...suspension, liftedOn: today, liftedBy: caller.subject, liftReason: reason };
    });
  }

  async retire(id: string, retiredOn: IsoDate, reason: string, caller: Caller): Promise<EquipmentWithStatus> {
    const today = this.calendar.today();
    return this.tx.run(caller.tenant, async (em) => {
      const repository = new EquipmentRepository(em);
      const equipment = await equipmentOr404(em, id, true);
      if (equipment.retiredOn) throw ProblemException.conflict(`Equipment ${equipment.assetNumber} was retired on ${equipment.retiredOn}.`);
      const after = { ...equipment, retiredOn, retirementReason: reason };
      await repository.update(after);
      await repository.addHistory(caller.tenant, id, 'retired', { retiredOn, reason }, caller.subject);
      await this.status.refresh(em, caller.tenant, today, [id]);
      return { ...after, ...(await statusOn(em, id, today)) };
    });
  }
}
