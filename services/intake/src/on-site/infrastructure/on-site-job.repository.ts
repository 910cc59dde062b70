import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { OnSiteJob, OnSiteStatus } from '../domain/on-site-job';

type State = Omit<OnSiteJob, 'id' | 'contractId' | 'itemIds' | 'siteAddress' | 'crossRegion' | 'plannedDate' | 'status' | 'clearedAt' | 'closedAt' | 'createdBy' | 'createdAt'>;

const columns = `id, contract_id as "contractId", item_ids::text[] as "itemIds", site_address as "siteAddress", cross_region as "crossRegion",
  to_char(planned_date, 'YYYY-MM-DD') as "plannedDate", status, state, cleared_at as "clearedAt", closed_at as "closedAt", created_by as "createdBy", created_at as "createdAt"`;

const state = (j: OnSiteJob): State => ({
  environmentRequirements: j.environmentRequirements, environmentSent: j.environmentSent, safetyChecklist: j.safetyChecklist,
  safetyAcknowledgement: j.safetyAcknowledgement, siteConditions: j.siteConditions, impactAssessment: j.impactAssessment,
  technicalManagerConsent: j.technicalManagerConsent, customerConsent: j.customerConsent,
});

const fromRow = ({ state: s, ...row }: Omit<OnSiteJob, keyof State> & { state: State }): OnSiteJob => ({ ...row, ...s });

/** On-site jobs and their step log; inside tenant transactions. */
export class OnSiteJobRepository {
  constructor(readonly em: EntityManager) {}

  async insert(tenant: string, j: OnSiteJob): Promise<void> {
    await this.em.query(
      `insert into on_site_job (id, tenant_id, contract_id, item_ids, site_address, cross_region, planned_date, status, state, created_by, created_at)
       values ($1, $2, $3, $4::uuid[], $5, $6, $7, $8, $9, $10, $11)`,
      [j.id, tenant, j.contractId, j.itemIds, j.siteAddress, j.crossRegion, j.plannedDate, j.status, JSON.stringify(state(j)), j.createdBy, j.createdAt],
    );
  }

  async save(j: OnSiteJob): Promise<void> {
    await this.em.query(`update on_site_job set status = $2, state = $3, cleared_at = $4, closed_at = $5 where id = $1`, [j.id, j.status, JSON.stringify(state(j)), j.clearedAt, j.closedAt]);
  }

  async lock(id: string): Promise<OnSiteJob | null> {
    const [row] = await this.em.query(`select ${columns} from on_site_job where id = $1 for update`, [id]);
    return row ? fromRow(row) : null;
  }

  async find(id: string): Promise<OnSiteJob | null> {
    const [row] = await this.em.query(`select ${columns} from on_site_job where id = $1`, [id]);
    return row ? fromRow(row) : null;
  }

  async list(filter: { contractId?: string; status?: OnSiteStatus }, limit: number, offset: number): Promise<{ rows: OnSiteJob[]; total: number }> {
    const where = `where ($1::uuid is null or contract_id = $1::uuid) and ($2::text is null or status = $2)`;
    const params = [filter.contractId ?? null, filter.status ?? null];
    const rows = await this.em.query(`select ${columns} from on_site_job ${where} order by planned_date, id limit $3 offset $4`, [...params, limit, offset]);
    const [{ total }] = await this.em.query(`select count(*)::int as total from on_site_job ${where}`, params);
    return { rows: rows.map(fromRow), total };
  }

  async log(tenant: string, jobId: string, step: string, detail: unknown, by: string, at: Date): Promise<void> {
    await this.em.query(
      `insert into on_site_job_log (id, tenant_id, job_id, step, detail, recorded_by, recorded_at) values ($1, $2, $3, $4, $5, $6, $7)`,
      [randomUUID(), tenant, jobId, step, JSON.stringify(detail), by, at],
    );
  }

  history(jobId: string): Promise<{ step: string; detail: unknown; recordedBy: string; recordedAt: Date }[]> {
    return this.em.query(`select step, detail, recorded_by as "recordedBy", recorded_at as "recordedAt" from on_site_job_log where job_id = $1 order by recorded_at, id`, [jobId]);
  }
}
