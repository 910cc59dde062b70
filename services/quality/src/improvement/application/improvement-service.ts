import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, Outbox, ProblemException, LabCalendar } from '@calchain/platform';
import { UnitOfWork } from '../../shared/application/unit-of-work';
import { violation } from '../../shared/domain/rule-violation';
import { nextNumber } from '../../shared/infrastructure/numbering';
import { completeTask, planActions, verifyEffectiveness } from '../domain/corrective-action';
import { FindingSource, NewFinding } from '../domain/finding';
import { CorrectiveActionRow, FindingRow, ImprovementRepository } from '../infrastructure/improvement.repository';

export interface NewCorrectiveAction {
  kind: 'corrective' | 'risk-control';
  findingId: string | null;
  source: FindingSource;
  requirement: string | null;
  itemCode: string | null;
  title: string;
  problem: string;
  dueOn: string | null;
}

/**
 * Findings, corrective actions and the improvement register. The `…In` methods
 * take the caller's transaction, so every other context (staffing, complaints, proficiency
 * testing, control charts, equipment events) raises findings atomically with its own change.
 */
@Injectable()
export class ImprovementService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly time: LabCalendar,
  ) {}

  /** Raises a finding (or returns the open one for the same condition), with its register entry. */
  async raiseFindingIn(
    em: EntityManager,
    tenant: string,
    input: NewFinding,
    actor: string,
    options: { openCorrectiveAction?: { dueOn: string | null } } = {},
  ): Promise<{ finding: FindingRow; correctiveAction: CorrectiveActionRow | null; created: boolean }> {
    const repository = new ImprovementRepository(em);
    if (input.dedupeKey) {
      const open = await repository.openFindingByDedupeKey(input.dedupeKey);
      if (open) return { finding: open, correctiveAction: null, created: false };
    }
    const now = this.time.now();
    const finding: FindingRow = {
      id: randomUUID(),
      number: await nextNumber(em, tenant, 'FND', now.getUTCFullYear()),
      source: input.source,
      sourceRef: input.sourceRef,
      severity: input.severity,
      requirement: input.requirement,
      title: input.title,
      description: input.description,
      itemCode: input.itemCode,
      status: 'open',
      raisedBy: actor,
      raisedAt: now,
      closedAt: null,
    };
    await repository.insertFinding(tenant, { ...finding, dedupeKey: input.dedupeKey ?? null });
    await this.outbox.add(em, {
      type: 'quality.finding.raised',
      tenant,
      aggregateId: finding.id,
      payload: {
        findingId: finding.id,
        number: finding.number,
        source: finding.source,
        sourceRef: finding.sourceRef,
        severity: finding.severity,
        requirement: finding.requirement,
        title: finding.title,
        itemCode: finding.itemCode,
        raisedAt: now.toISOString(),
      },
    });
    // every finding is a candidate improvement, whatever its source.
    await repository.insertImprovement(tenant, {
      id: randomUUID(), source: finding.source, sourceRef: finding.sourceRef, summary: `${finding.number}: ${finding.title}`,
      requirement: finding.requirement, findingId: finding.id, correctiveActionId: null, createdBy: actor, createdAt: now,
    });
    let correctiveAction: CorrectiveActionRow | null = null;
    if (options.openCorrectiveAction) {
      correctiveAction = await this.openCorrectiveActionIn(em, tenant, {
        kind: 'corrective', findingId: finding.id, source: finding.source, requirement: finding.requirement, itemCode: finding.itemCode,
        title: finding.title, problem: finding.description ?? finding.title, dueOn: options.openCorrectiveAction.dueOn,
      }, actor);
    }
    return { finding, correctiveAction, created: true };
  }

  async openCorrectiveActionIn(em: EntityManager, tenant: string, input: NewCorrectiveAction, actor: string): Promise<CorrectiveActionRow> {
    const repository = new ImprovementRepository(em);
    const now = this.time.now();
    if (input.findingId) {
      const finding = await repository.finding(input.findingId);
      if (!finding) throw ProblemException.notFound('Finding', input.findingId);
      if (finding.status !== 'open') violation('R-9.1', 'findingId', 'finding-closed', 'Corrective actions are opened for open findings only.');
    }
    const ca: CorrectiveActionRow = {
      id: randomUUID(),
      number: await nextNumber(em, tenant, 'CA', now.getUTCFullYear()),
      ...input,
      rootCause: null,
      status: 'open',
      openedBy: actor,
      openedAt: now,
      closedAt: null,
    };
    await repository.insertCorrectiveAction(tenant, ca);
    await this.outbox.add(em, {
      type: 'quality.corrective-action.opened',
      tenant,
      aggregateId: ca.id,
      payload: {
        correctiveActionId: ca.id, number: ca.number, kind: ca.kind, findingId: ca.findingId, source: ca.source,
        requirement: ca.requirement, itemCode: ca.itemCode, dueOn: ca.dueOn, openedAt: now.toISOString(),
      },
    });
    if (ca.findingId) await repository.linkImprovementToCorrectiveAction(ca.findingId, ca.id);
    else {
      await repository.insertImprovement(tenant, {
        id: randomUUID(), source: ca.source, sourceRef: null, summary: `${ca.number}: ${ca.title}`, requirement: ca.requirement,
        findingId: null, correctiveActionId: ca.id, createdBy: actor, createdAt: now,
      });
    }
    return ca;
  }

  raiseFinding(caller: Caller, input: NewFinding, openCorrectiveAction: { dueOn: string | null } | null) {
    return this.uow.run(caller.tenant, (em) =>
      this.raiseFindingIn(em, caller.tenant, input, caller.subject, openCorrectiveAction ? { openCorrectiveAction } : {}),
    );
  }

  openCorrectiveAction(caller: Caller, input: NewCorrectiveAction) {
    return this.uow.run(caller.tenant, async (em) => this.detail(em, (await this.openCorrectiveActionIn(em, caller.tenant, input, caller.subject)).id));
  }

  /** the root cause and the actions decided. */
  plan(caller: Caller, id: string, plan: { rootCause: string; tasks: { description: string; owner: string; dueOn: string | null }[] }) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new ImprovementRepository(em);
      const ca = await this.locked(repository, id);
      const existing = await repository.tasks(id);
      const status = planActions({ status: ca.status, rootCause: ca.rootCause, tasks: existing.map((t) => ({ owner: t.owner, doneOn: t.doneOn })) }, plan);
      for (const [i, task] of plan.tasks.entries()) {
        await repository.insertTask(caller.tenant, id, existing.length + i + 1, { id: randomUUID(), description: task.description, owner: task.owner, dueOn: task.dueOn, doneOn: null, doneNote: null });
      }
      await repository.updateCorrectiveAction(id, { status, rootCause: plan.rootCause });
      return this.detail(em, id);
    });
  }

  completeTask(caller: Caller, id: string, taskId: string, note: string | null) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new ImprovementRepository(em);
      const ca = await this.locked(repository, id);
      // Only the open actions of the current plan count (earlier plans' actions are history).
      const tasks = (await repository.tasks(id)).filter((t) => t.doneOn === null || t.id === taskId);
      const index = tasks.findIndex((t) => t.id === taskId);
      const staff = caller.roles.some((r) => r === 'quality-supervisor' || r === 'technical-manager' || r === 'administrator');
      if (index >= 0 && tasks[index]!.owner !== caller.subject && !staff) {
        violation('R-9.1', 'taskId', 'owner-only', 'Only the owner of the action (or quality staff) reports it done.');
      }
      const status = completeTask({ status: ca.status, rootCause: ca.rootCause, tasks: tasks.map((t) => ({ owner: t.owner, doneOn: t.doneOn })) }, index);
      await repository.markTaskDone(taskId, this.time.today(), note);
      await repository.updateCorrectiveAction(id, { status });
      return this.detail(em, id);
    });
  }

  /** verification of effectiveness; an effective verdict closes the action and its register entries. */
  verify(caller: Caller, id: string, input: { effective: boolean; evidence: string }) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new ImprovementRepository(em);
      const ca = await this.locked(repository, id);
      const tasks = await repository.tasks(id);
      const status = verifyEffectiveness({ status: ca.status, rootCause: ca.rootCause, tasks: tasks.map((t) => ({ owner: t.owner, doneOn: t.doneOn })) }, caller.subject, input.effective);
      await repository.insertVerification(caller.tenant, id, randomUUID(), {
        verifiedBy: caller.subject, verifiedOn: this.time.today(), effective: input.effective, evidence: input.evidence,
      });
      const now = this.time.now();
      await repository.updateCorrectiveAction(id, { status, closedAt: status === 'closed' ? now : undefined });
      if (status === 'closed') {
        await repository.closeImprovementsOf(id);
        await this.outbox.add(em, {
          type: 'quality.corrective-action.closed',
          tenant: caller.tenant,
          aggregateId: id,
          payload: { correctiveActionId: id, number: ca.number, findingId: ca.findingId, closedAt: now.toISOString() },
        });
      }
      return this.detail(em, id);
    });
  }

  /** A finding closes once none of its corrective actions is still open. */
  closeFinding(caller: Caller, id: string) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new ImprovementRepository(em);
      const finding = await repository.finding(id, true);
      if (!finding) throw ProblemException.notFound('Finding', id);
      if (finding.status === 'closed') throw ProblemException.conflict(`Finding ${finding.number} is closed already.`);
      const open = (await repository.correctiveActions({ findingId: id })).filter((c) => c.status !== 'closed');
      if (open.length) {
        violation('R-9.1', 'findingId', 'corrective-actions-open', `Close ${open.map((c) => c.number).join(', ')} (verified effective) first.`);
      }
      await repository.closeFinding(id, this.time.now());
      return { ...finding, status: 'closed' as const };
    });
  }

  /** An entry fed by another context (a complaint, a questionable PT result …) in its own transaction. */
  async addRegisterEntryIn(
    em: EntityManager,
    tenant: string,
    input: { source: FindingSource; sourceRef: string | null; summary: string; requirement: string | null },
    actor: string,
  ): Promise<string> {
    const id = randomUUID();
    await new ImprovementRepository(em).insertImprovement(tenant, {
      id, ...input, findingId: null, correctiveActionId: null, createdBy: actor, createdAt: this.time.now(),
    });
    return id;
  }

  /** Manual register entries: suggestions, staff suggestions, external assessments, satisfaction feedback. */
  addImprovement(caller: Caller, input: { source: FindingSource; sourceRef: string | null; summary: string; requirement: string | null }) {
    return this.uow.run(caller.tenant, async (em) => ({ id: await this.addRegisterEntryIn(em, caller.tenant, input, caller.subject), ...input, status: 'open' }));
  }

  findings(caller: Caller, filter: { status?: string; source?: string }) {
    return this.uow.read(caller.tenant, (em) => new ImprovementRepository(em).findings(filter));
  }

  finding(caller: Caller, id: string) {
    return this.uow.read(caller.tenant, async (em) => {
      const repository = new ImprovementRepository(em);
      const finding = await repository.finding(id);
      if (!finding) throw ProblemException.notFound('Finding', id);
      return { ...finding, correctiveActions: await repository.correctiveActions({ findingId: id }) };
    });
  }

  correctiveActions(caller: Caller, filter: { status?: string; findingId?: string }) {
    return this.uow.read(caller.tenant, (em) => new ImprovementRepository(em).correctiveActions(filter));
  }

  correctiveAction(caller: Caller, id: string) {
    return this.uow.read(caller.tenant, (em) => this.detail(em, id));
  }

  register(caller: Caller, filter: { source?: string; status?: string }) {
    return this.uow.read(caller.tenant, (em) => new ImprovementRepository(em).improvements(filter));
  }

  private async locked(repository: ImprovementRepository, id: string): Promise<CorrectiveActionRow> {
    const ca = await repository.correctiveAction(id, true);
    if (!ca) throw ProblemException.notFound('Corrective action', id);
    return ca;
  }

  private async detail(em: EntityManager, id: string) {
    const repository = new ImprovementRepository(em);
    const ca = await repository.correctiveAction(id);
    if (!ca) throw ProblemException.notFound('Corrective action', id);
    return { ...ca, tasks: await repository.tasks(id), verifications: await repository.verifications(id) };
  }
}
