import { EntityManager } from 'typeorm';
import { RemeasurementOutcome, RemeasurementStatus } from '../domain/remeasurement';

export interface SuspicionCheck {
  check: string;
  subject: string;
  point: string | null;
  /** Decimal strings, as received. */
  values: string[];
  statistic: string | null;
  critical: string | null;
  significance: string | null;
  detail: string;
}

export interface RemeasurementRow {
  id: string;
  number: string;
  detectionId: string;
  recordId: string;
  recordNumber: string;
  recordVersion: number;
  workOrderId: string;
  itemId: string;
  orderNumber: string;
  itemCode: string | null;
  methodCode: string | null;
  methodVersion: string | null;
  checks: SuspicionCheck[];
  status: RemeasurementStatus;
  assignee: string | null;
  dueOn: string | null;
  assignedBy: string | null;
  assignedAt: Date | null;
  resultRecordId: string | null;
  resultRecordNumber: string | null;
  resultRecordVersion: number | null;
  resultApprovedAt: Date | null;
  outcome: RemeasurementOutcome | null;
  closureNote: string | null;
  closedBy: string | null;
  closedAt: Date | null;
  openedAt: Date;
}

const COLUMNS = `id, number, detection_id as "detectionId", record_id as "recordId", record_number as "recordNumber",
  record_version as "recordVersion", work_order_id as "workOrderId", item_id as "itemId", order_number as "orderNumber",
  item_code as "itemCode", method_code as "methodCode", method_version as "methodVersion", checks, status, assignee,
  to_char(due_on, 'YYYY-MM-DD') as "dueOn", assigned_by as "assignedBy", assigned_at as "assignedAt",
  result_record_id as "resultRecordId", result_record_number as "resultRecordNumber", result_record_version as "resultRecordVersion",
  result_approved_at as "resultApprovedAt", outcome, closure_note as "closureNote", closed_by as "closedBy", closed_at as "closedAt",
  opened_at as "openedAt"`;

/** SQL for re-measurement requests, inside the caller's tenant transaction. */
export class RemeasurementRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(tenantId: string, r: RemeasurementRow): Promise<void> {
    await this.em.query(
      `insert into remeasurement_request (id, tenant_id, number, detection_id, record_id, record_number, record_version, work_order_id, item_id,
         order_number, item_code, method_code, method_version, checks, status, opened_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16)`,
      [
        r.id, tenantId, r.number, r.detectionId, r.recordId, r.recordNumber, r.recordVersion, r.workOrderId, r.itemId, r.orderNumber,
        r.itemCode, r.methodCode, r.methodVersion, JSON.stringify(r.checks), r.status, r.openedAt,
      ],
    );
  }

  async byDetection(detectionId: string): Promise<RemeasurementRow | null> {
    const rows = await this.em.query(`select ${COLUMNS} from remeasurement_request where detection_id = $1`, [detectionId]);
    return rows[0] ?? null;
  }

  async byId(id: string, lock = false): Promise<RemeasurementRow | null> {
    const rows = await this.em.query(`select ${COLUMNS} from remeasurement_request where id = $1${lock ? ' for update' : ''}`, [id]);
    return rows[0] ?? null;
  }

  /** Requests for a suspicious record that are not closed yet, oldest first, locked. */
  async unclosedForRecord(recordId: string): Promise<RemeasurementRow[]> {
    return this.em.query(
      `select ${COLUMNS} from remeasurement_request where record_id = $1 and status <> 'closed' order by opened_at for update`,
      [recordId],
    );
  }

  async list(filter: { status?: string; recordId?: string; workOrderId?: string }): Promise<RemeasurementRow[]> {
    return this.em.query(
      `select ${COLUMNS} from remeasurement_request
        where ($1::text is null or status = $1) and ($2::uuid is null or record_id = $2) and ($3::uuid is null or work_order_id = $3)
        order by opened_at desc limit 1000`,
      [filter.status ?? null, filter.recordId ?? null, filter.workOrderId ?? null],
    );
  }

  async assign(id: string, assignee: string, dueOn: string | null, by: string, at: Date): Promise<void> {
    await this.em.query(
      `update remeasurement_request set status = 'assigned', assignee = $2, due_on = $3, assigned_by = $4, assigned_at = $5 where id = $1`,
      [id, assignee, dueOn, by, at],
    );
  }

  async linkResult(id: string, result: { recordId: string; recordNumber: string; recordVersion: number; approvedAt: string }): Promise<void> {
    await this.em.query(
      `update remeasurement_request set status = 'results-linked', result_record_id = $2, result_record_number = $3, result_record_version = $4,
         result_approved_at = $5 where id = $1`,
      [id, result.recordId, result.recordNumber, result.recordVersion, result.approvedAt],
    );
  }

  async close(id: string, outcome: RemeasurementOutcome, note: string, by: string, at: Date): Promise<void> {
    await this.em.query(
      `update remeasurement_request set status = 'closed', outcome = $2, closure_note = $3, closed_by = $4, closed_at = $5 where id = $1`,
      [id, outcome, note, by, at],
    );
  }

  /** The register entry of a request follows it: in progress once worked on, closed with it. */
  async setRegisterStatus(id: string, status: 'in-progress' | 'closed'): Promise<void> {
    await this.em.query(`update improvement_entry set status = $2 where source = 'remeasurement' and source_ref = $1`, [id, status]);
  }
}
