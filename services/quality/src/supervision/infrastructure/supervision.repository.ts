import { EntityManager } from 'typeorm';
import { PlanStatus, SupervisionArea } from '../domain/supervision';

export interface PlanRow {
  id: string;
  title: string;
  area: SupervisionArea;
  periodFrom: string;
  periodTo: string;
  itemCode: string | null;
  sampleSize: number;
  status: PlanStatus;
  createdBy: string;
  createdAt: Date;
  completedBy: string | null;
  completedAt: Date | null;
}

export interface JobRow {
  id: string;
  kind: 'record' | 'certificate';
  refId: string;
  refNumber: string;
  workOrderId: string;
  itemId: string;
  itemCode: string | null;
  completedOn: string;
}

const PLAN = `id, title, area, to_char(period_from, 'YYYY-MM-DD') as "periodFrom", to_char(period_to, 'YYYY-MM-DD') as "periodTo",
  item_code as "itemCode", sample_size as "sampleSize", status, created_by as "createdBy", created_at as "createdAt",
  completed_by as "completedBy", completed_at as "completedAt"`;

/** SQL for supervision plans, the job pool and samples, inside the caller's tenant transaction. */
export class SupervisionRepository {
  constructor(private readonly em: EntityManager) {}

  async insertPlan(tenantId: string, p: PlanRow): Promise<void> {
    await this.em.query(
      `insert into supervision_plan (id, tenant_id, title, area, period_from, period_to, item_code, sample_size, status, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [p.id, tenantId, p.title, p.area, p.periodFrom, p.periodTo, p.itemCode, p.sampleSize, p.status, p.createdBy, p.createdAt],
    );
  }

  async plan(id: string, lock = false): Promise<PlanRow | null> {
    const rows = await this.em.query(`select ${PLAN} from supervision_plan where id = $1${lock ? ' for update' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async plans(filter: { area?: string; status?: string }): Promise<PlanRow[]> {
    return this.em.query(
      `select ${PLAN} from supervision_plan where ($1::text is null or area = $1) and ($2::text is null or status = $2) order by period_from desc, created_at desc limit 1000`,
      [filter.area ?? null, filter.status ?? null],
    );
  }

  async setPlanStatus(id: string, status: PlanStatus, completed?: { by: string; at: Date }): Promise<void> {
    await this.em.query(`update supervision_plan set status = $2, completed_by = $3, completed_at = $4 where id = $1`, [id, status, completed?.by ?? null, completed?.at ?? null]);
  }

  /** The pool of completed jobs; a redelivered or repeated event adds nothing. */
  async addJob(tenantId: string, job: JobRow, receivedAt: Date): Promise<void> {
    await this.em.query(
      `insert into supervision_job (id, tenant_id, kind, ref_id, ref_number, work_order_id, item_id, item_code, completed_on, received_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (tenant_id, kind, ref_id) do nothing`,
      [job.id, tenantId, job.kind, job.refId, job.refNumber, job.workOrderId, job.itemId, job.itemCode, job.completedOn, receivedAt],
    );
  }

  /**
   * Draws up to `limit` jobs of the plan's kind, period and item not yet sampled by the plan. The
   * order is pseudo-random but reproducible (a hash of plan and job), so an assessor can re-draw it.
   */
  async draw(plan: PlanRow, kind: 'record' | 'certificate', limit: number): Promise<JobRow[]> {
    return this.em.query(
      `select j.id, j.kind, j.ref_id as "refId", j.ref_number as "refNumber", j.work_order_id as "workOrderId", j.item_id as "itemId",
              j.item_code as "itemCode", to_char(j.completed_on, 'YYYY-MM-DD') as "completedOn"
         from supervision_job j
        where j.kind = $2 and j.completed_on between $3 and $4 and ($5::text is null or j.item_code = $5)
          and not exists (select 1 from supervision_sample s where s.plan_id = $1 and s.job_id = j.id)
        order by md5($1::text || j.id::text) limit $6`,
      [plan.id, kind, plan.periodFrom, plan.periodTo, plan.itemCode, limit],
    );
  }

  async insertSample(tenantId: string, sample: { id: string; planId: string; jobId: string; sampledAt: Date }): Promise<void> {
    await this.em.query(
      `insert into supervision_sample (id, tenant_id, plan_id, job_id, result, sampled_at) values ($1, $2, $3, $4, 'pending', $5)`,
      [sample.id, tenantId, sample.planId, sample.jobId, sample.sampledAt],
    );
  }

  async samples(planId: string): Promise<{ id: string; result: string; note: string | null; findingId: string | null; kind: string; refId: string; refNumber: string; workOrderId: string; itemCode: string | null; completedOn: string; checkedBy: string | null; checkedAt: Date | null }[]> {
    return this.em.query(
      `select s.id, s.result, s.note, s.finding_id as "findingId", j.kind, j.ref_id as "refId", j.ref_number as "refNumber", j.work_order_id as "workOrderId",
              j.item_code as "itemCode", to_char(j.completed_on, 'YYYY-MM-DD') as "completedOn", s.checked_by as "checkedBy", s.checked_at as "checkedAt"
         from supervision_sample s join supervision_job j on j.id = s.job_id where s.plan_id = $1 order by j.completed_on, j.ref_number`,
      [planId],
    );
  }

  async sample(planId: string, sampleId: string): Promise<{ id: string; result: string; refNumber: string; kind: string; itemCode: string | null } | null> {
    const rows = await this.em.query(
      `select s.id, s.result, j.ref_number as "refNumber", j.kind, j.item_code as "itemCode"
         from supervision_sample s join supervision_job j on j.id = s.job_id where s.plan_id = $1 and s.id = $2 for update of s`,
      [planId, sampleId],
    );
    return rows[0] ?? null;
  }

  async recordResult(sampleId: string, r: { result: 'conforming' | 'nonconforming'; note: string | null; findingId: string | null; by: string; at: Date }): Promise<void> {
    await this.em.query(
      `update supervision_sample set result = $2, note = $3, finding_id = $4, checked_by = $5, checked_at = $6 where id = $1`,
      [sampleId, r.result, r.note, r.findingId, r.by, r.at],
    );
  }
}
