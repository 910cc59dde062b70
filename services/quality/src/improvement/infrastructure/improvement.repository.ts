import { EntityManager } from 'typeorm';
import { CorrectiveActionStatus } from '../domain/corrective-action';
import { FindingSeverity, FindingSource, RegisterSource } from '../domain/finding';

export interface FindingRow {
  id: string;
  number: string;
  source: FindingSource;
  sourceRef: string | null;
  severity: FindingSeverity;
  requirement: string | null;
  title: string;
  description: string | null;
  itemCode: string | null;
  status: 'open' | 'closed';
  raisedBy: string;
  raisedAt: Date;
  closedAt: Date | null;
}

export interface CorrectiveActionRow {
  id: string;
  number: string;
  kind: 'corrective' | 'risk-control';
  findingId: string | null;
  source: FindingSource;
  requirement: string | null;
  itemCode: string | null;
  title: string;
  problem: string;
  rootCause: string | null;
  status: CorrectiveActionStatus;
  dueOn: string | null;
  openedBy: string;
  openedAt: Date;
  closedAt: Date | null;
}

export interface TaskRow {
  id: string;
  description: string;
  owner: string;
  dueOn: string | null;
  doneOn: string | null;
  doneNote: string | null;
}

export interface VerificationRow {
  verifiedBy: string;
  verifiedOn: string;
  effective: boolean;
  evidence: string;
  recordedAt: Date;
}

const findingColumns = `id, number, source, source_ref as "sourceRef", severity, requirement, title, description, item_code as "itemCode",
  status, raised_by as "raisedBy", raised_at as "raisedAt", closed_at as "closedAt"`;
const caColumns = `id, number, kind, finding_id as "findingId", source, requirement, item_code as "itemCode", title, problem,
  root_cause as "rootCause", status, to_char(due_on, 'YYYY-MM-DD') as "dueOn", opened_by as "openedBy", opened_at as "openedAt", closed_at as "closedAt"`;

/** Findings, corrective actions and the improvement register; always inside a tenant transaction. */
export class ImprovementRepository {
  constructor(private readonly em: EntityManager) {}

  async insertFinding(tenantId: string, f: FindingRow & { dedupeKey: string | null }): Promise<void> {
    await this.em.query(
      `insert into finding (id, tenant_id, number, source, source_ref, severity, requirement, title, description, item_code, status, dedupe_key, raised_by, raised_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [f.id, tenantId, f.number, f.source, f.sourceRef, f.severity, f.requirement, f.title, f.description, f.itemCode, f.status, f.dedupeKey, f.raisedBy, f.raisedAt],
    );
  }

  async openFindingByDedupeKey(key: string): Promise<FindingRow | null> {
    const [row] = await this.em.query(`select ${findingColumns} from finding where dedupe_key = $1 and status = 'open'`, [key]);
    return row ?? null;
  }

  async finding(id: string, lock = false): Promise<FindingRow | null> {
    const [row] = await this.em.query(`select ${findingColumns} from finding where id = $1 ${lock ? 'for update' : ''}`, [id]);
    return row ?? null;
  }

  async findings(filter: { status?: string; source?: string }): Promise<FindingRow[]> {
    return this.em.query(
      `select ${findingColumns} from finding
        where ($1::text is null or status = $1) and ($2::text is null or source = $2)
        order by raised_at desc limit 500`,
      [filter.status ?? null, filter.source ?? null],
    );
  }

  async closeFinding(id: string, at: Date): Promise<void> {
    await this.em.query(`update finding set status = 'closed', closed_at = $2 where id = $1`, [id, at]);
  }

  async insertCorrectiveAction(tenantId: string, ca: CorrectiveActionRow): Promise<void> {
    await this.em.query(
      `insert into corrective_action (id, tenant_id, number, kind, finding_id, source, requirement, item_code, title, problem, root_cause, status, due_on, opened_by, opened_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [ca.id, tenantId, ca.number, ca.kind, ca.findingId, ca.source, ca.requirement, ca.itemCode, ca.title, ca.problem, ca.rootCause, ca.status, ca.dueOn, ca.openedBy, ca.openedAt],
    );
  }

  async correctiveAction(id: string, lock = false): Promise<CorrectiveActionRow | null> {
    const [row] = await this.em.query(`select ${caColumns} from corrective_action where id = $1 ${lock ? 'for update' : ''}`, [id]);
    return row ?? null;
  }

  async correctiveActions(filter: { status?: string; findingId?: string }): Promise<CorrectiveActionRow[]> {
    return this.em.query(
      `select ${caColumns} from corrective_action
        where ($1::text is null or status = $1) and ($2::uuid is null or finding_id = $2)
        order by opened_at desc limit 500`,
      [filter.status ?? null, filter.findingId ?? null],
    );
  }

  async updateCorrectiveAction(id: string, change: { status: CorrectiveActionStatus; rootCause?: string; closedAt?: Date }): Promise<void> {
    await this.em.query(
      `update corrective_action set status = $2, root_cause = coalesce($3, root_cause), closed_at = coalesce($4, closed_at) where id = $1`,
      [id, change.status, change.rootCause ?? null, change.closedAt ?? null],
    );
  }

  async tasks(correctiveActionId: string): Promise<TaskRow[]> {
    return this.em.query(
      `select id, description, owner, to_char(due_on, 'YYYY-MM-DD') as "dueOn", to_char(done_on, 'YYYY-MM-DD') as "doneOn", done_note as "doneNote"
         from corrective_action_task where corrective_action_id = $1 order by position`,
      [correctiveActionId],
    );
  }

  async insertTask(tenantId: string, correctiveActionId: string, position: number, task: TaskRow): Promise<void> {
    await this.em.query(
      `insert into corrective_action_task (id, tenant_id, corrective_action_id, position, description, owner, due_on) values ($1, $2, $3, $4, $5, $6, $7)`,
      [task.id, tenantId, correctiveActionId, position, task.description, task.owner, task.dueOn],
    );
  }

  async markTaskDone(taskId: string, doneOn: string, note: string | null): Promise<void> {
    await this.em.query(`update corrective_action_task set done_on = $2, done_note = $3 where id = $1`, [taskId, doneOn, note]);
  }

  async insertVerification(tenantId: string, correctiveActionId: string, id: string, v: Omit<VerificationRow, 'recordedAt'>): Promise<void> {
    await this.em.query(
      `insert into corrective_action_verification (id, tenant_id, corrective_action_id, verified_by, verified_on, effective, evidence)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [id, tenantId, correctiveActionId, v.verifiedBy, v.verifiedOn, v.effective, v.evidence],
    );
  }

  async verifications(correctiveActionId: string): Promise<VerificationRow[]> {
    return this.em.query(
      `select verified_by as "verifiedBy", to_char(verified_on, 'YYYY-MM-DD') as "verifiedOn", effective, evidence, recorded_at as "recordedAt"
         from corrective_action_verification where corrective_action_id = $1 order by recorded_at`,
      [correctiveActionId],
    );
  }

  async insertImprovement(
    tenantId: string,
    entry: { id: string; source: RegisterSource; sourceRef: string | null; summary: string; requirement: string | null; findingId: string | null; correctiveActionId: string | null; createdBy: string; createdAt: Date },
  ): Promise<void> {
    await this.em.query(
      `insert into improvement_entry (id, tenant_id, source, source_ref, summary, requirement, finding_id, corrective_action_id, status, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        entry.id, tenantId, entry.source, entry.sourceRef, entry.summary, entry.requirement, entry.findingId, entry.correctiveActionId,
        entry.correctiveActionId ? 'in-progress' : 'open', entry.createdBy, entry.createdAt,
      ],
    );
  }

  async linkImprovementToCorrectiveAction(findingId: string, correctiveActionId: string): Promise<void> {
    await this.em.query(
      `update improvement_entry set corrective_action_id = $2, status = 'in-progress' where finding_id = $1 and corrective_action_id is null`,
      [findingId, correctiveActionId],
    );
  }

  async closeImprovementsOf(correctiveActionId: string): Promise<void> {
    await this.em.query(`update improvement_entry set status = 'closed' where corrective_action_id = $1`, [correctiveActionId]);
  }

  async improvements(filter: { source?: string; status?: string }): Promise<unknown[]> {
    return this.em.query(
      `select e.id, e.source, e.source_ref as "sourceRef", e.summary, e.requirement, e.finding_id as "findingId", f.number as "findingNumber",
              e.corrective_action_id as "correctiveActionId", c.number as "correctiveActionNumber", e.status, e.created_by as "createdBy", e.created_at as "createdAt"
         from improvement_entry e
         left join finding f on f.id = e.finding_id
         left join corrective_action c on c.id = e.corrective_action_id
        where ($1::text is null or e.source = $1) and ($2::text is null or e.status = $2)
        order by e.created_at desc limit 1000`,
      [filter.source ?? null, filter.status ?? null],
    );
  }
}
