import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PayloadOf } from '@calchain/contracts';
import { Caller, ProblemException, LabCalendar } from '@calchain/platform';
import { QUALITY_CONFIG, QualityConfig } from '../../config/quality-config';
import { ImprovementService } from '../../improvement/application/improvement-service';
import { FindingSeverity } from '../../improvement/domain/finding';
import { UnitOfWork } from '../../shared/application/unit-of-work';
import { labDate } from '@calchain/platform/calendar';
import { rememberInstitution } from '../../shared/infrastructure/numbering';
import { canComplete, canSample, checkPeriod, checkResult, jobKindFor, SupervisionArea } from '../domain/supervision';
import { PlanRow, SupervisionRepository } from '../infrastructure/supervision.repository';

export interface NewPlan {
  title: string;
  area: SupervisionArea;
  periodFrom: string;
  periodTo: string;
  itemCode: string | null;
  sampleSize: number;
}

export interface SampleResult {
  conforming: boolean;
  note: string | null;
  severity: FindingSeverity | null;
  title: string | null;
}

/**
 * Supervision: plans per period and area; a pool of completed jobs fed by records'
 * approvals and certificates' issues; reproducible sampling; results, and findings with a
 * severity in the improvement register for nonconforming samples.
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly time: LabCalendar,
    private readonly improvement: ImprovementService,
    @Inject(QUALITY_CONFIG) private readonly config: QualityConfig,
  ) {}

  /** records.record.approved → a completed job (its measurement day) in the pool. */
  async poolApprovedRecordIn(em: EntityManager, tenant: string, r: PayloadOf<'records.record.approved'>): Promise<void> {
    await rememberInstitution(em, tenant);
    await new SupervisionRepository(em).addJob(tenant, {
      id: randomUUID(), kind: 'record', refId: r.recordId, refNumber: r.recordNumber, workOrderId: r.workOrderId, itemId: r.itemId,
      itemCode: r.itemCode, completedOn: r.measurementDate,
    }, this.time.now());
  }

  /** certificates.certificate.issued → a completed job (its issue day, lab calendar) in the pool. */
  async poolIssuedCertificateIn(em: EntityManager, tenant: string, c: PayloadOf<'certificates.certificate.issued'>): Promise<void> {
    await rememberInstitution(em, tenant);
    await new SupervisionRepository(em).addJob(tenant, {
      id: randomUUID(), kind: 'certificate', refId: c.certificateId, refNumber: c.number, workOrderId: c.workOrderId, itemId: c.itemId,
      itemCode: c.itemCode, completedOn: labDate(new Date(c.issuedAt), this.config.QUALITY_TIME_ZONE),
    }, this.time.now());
  }

  createPlan(caller: Caller, input: NewPlan) {
    return this.uow.run(caller.tenant, async (em) => {
      checkPeriod(input.periodFrom, input.periodTo);
      await rememberInstitution(em, caller.tenant);
      const plan: PlanRow = {
        id: randomUUID(), ...input, status: 'planned', createdBy: caller.subject, createdAt: this.time.now(), completedBy: null, completedAt: null,
      };
      await new SupervisionRepository(em).insertPlan(caller.tenant, plan);
      return this.detail(em, plan.id);
    });
  }

  /** draws up to the plan's sample size (minus what it already holds) from the pool. */
  sample(caller: Caller, id: string) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new SupervisionRepository(em);
      const plan = await this.locked(repository, id);
      canSample(plan.status, plan.periodFrom, this.time.today());
      const already = (await repository.samples(id)).length;
      const jobs = await repository.draw(plan, jobKindFor(plan.area), Math.max(0, plan.sampleSize - already));
      const now = this.time.now();
      for (const job of jobs) await repository.insertSample(caller.tenant, { id: randomUUID(), planId: id, jobId: job.id, sampledAt: now });
      if (already + jobs.length > 0) await repository.setPlanStatus(id, 'sampled');
      return this.detail(em, id);
    });
  }

  recordResult(caller: Caller, id: string, sampleId: string, input: SampleResult) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new SupervisionRepository(em);
      const plan = await this.locked(repository, id);
      if (plan.status === 'completed') throw ProblemException.conflict('The supervision plan is completed.');
      const sample = await repository.sample(id, sampleId);
      if (!sample) throw ProblemException.notFound('Supervision sample', sampleId);
      checkResult(sample.result, input);
      let findingId: string | null = null;
      if (!input.conforming) {
        const { finding } = await this.improvement.raiseFindingIn(em, caller.tenant, {
          source: 'supervision', sourceRef: sampleId, severity: input.severity!, requirement: 'R-8.1',
          title: `Supervision (${plan.area}) of ${sample.kind} ${sample.refNumber}: ${input.title!}`.slice(0, 300),
          description: input.note, itemCode: sample.itemCode, dedupeKey: `supervision:${sampleId}`,
        }, caller.subject);
        findingId = finding.id;
      }
      await repository.recordResult(sampleId, { result: input.conforming ? 'conforming' : 'nonconforming', note: input.note, findingId, by: caller.subject, at: this.time.now() });
      return this.detail(em, id);
    });
  }

  complete(caller: Caller, id: string) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new SupervisionRepository(em);
      const plan = await this.locked(repository, id);
      canComplete(plan.status, await repository.samples(id));
      await repository.setPlanStatus(id, 'completed', { by: caller.subject, at: this.time.now() });
      return this.detail(em, id);
    });
  }

  plans(caller: Caller, filter: { area?: string; status?: string }) {
    return this.uow.read(caller.tenant, (em) => new SupervisionRepository(em).plans(filter));
  }

  plan(caller: Caller, id: string) {
    return this.uow.read(caller.tenant, (em) => this.detail(em, id));
  }

  private async detail(em: EntityManager, id: string) {
    const repository = new SupervisionRepository(em);
    const plan = await repository.plan(id);
    if (!plan) throw ProblemException.notFound('Supervision plan', id);
    const samples = await repository.samples(id);
    return {
      ...plan,
      samples,
      summary: {
        sampled: samples.length,
        pending: samples.filter((s) => s.result === 'pending').length,
        conforming: samples.filter((s) => s.result === 'conforming').length,
        nonconforming: samples.filter((s) => s.result === 'nonconforming').length,
      },
    };
  }

  private async locked(repository: SupervisionRepository, id: string): Promise<PlanRow> {
    const plan = await repository.plan(id, true);
    if (!plan) throw ProblemException.notFound('Supervision plan', id);
    return plan;
  }
}
