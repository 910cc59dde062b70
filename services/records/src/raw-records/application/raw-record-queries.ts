import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, ProblemException, LabCalendar, TenantTransactions } from '@calchain/platform';
import { reproduce, StoredBudget } from '../domain/calculation';
import { fold, JournalEntry, RecordState } from '../domain/record-state';
import { findRecordRow, journalOf, RECORD_COLUMNS, RecordRow } from '../infrastructure/record-store';

export interface RecordSearch {
  workOrderId?: string;
  itemId?: string;
  orderNumber?: string;
  serialNumber?: string;
  customerId?: string;
  methodCode?: string;
  standardId?: string;
  equipmentId?: string;
  person?: string;
  status?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** The record as the API shows it: the projection row and the fold of its journal. */
function present(row: RecordRow, state: RecordState, entries: JournalEntry[]) {
  const calc = state.calculation as { results: unknown[]; budgets: StoredBudget[]; bmc: unknown[]; spec: unknown; version: number; basisVersion: number; at: string; by: string } | null;
  return {
    ...row,
    method: state.opening?.method ?? null,
    binding: state.opening
      ? {
          calibrator: state.opening.calibrator, openedOn: state.opening.openedOn, standards: state.opening.standards, equipment: state.opening.equipment,
          room: state.opening.room, placeOfWork: state.opening.placeOfWork, onSiteClearance: state.opening.onSiteClearance,
          adjustmentConsentId: state.opening.adjustmentConsentId, authorisationId: state.opening.authorisationId,
        }
      : null,
    dispatch: state.dispatch,
    // R-6.3.4: every observation with its original value and each correction beside it.
    readings: state.observations.filter((o) => o.type === 'reading'),
    conditions: state.observations.filter((o) => o.type === 'condition'),
    calculation: calc
      ? { version: calc.version, basisVersion: calc.basisVersion, at: calc.at, by: calc.by, current: calc.basisVersion >= state.contentVersion, spec: calc.spec, results: calc.results, bmc: calc.bmc, budgets: calc.budgets }
      : null,
    submission: state.submission,
    returns: state.returns,
    approval: state.approval,
    remeasurement: state.remeasurement,
    destruction: state.destruction,
    contentVersion: state.contentVersion,
    versions: entries.map((e) => ({ version: e.recordVersion, kind: e.kind, actor: e.actor, at: e.recordedAt, seq: e.seq, entryHash: e.entryHash })),
  };
}

/** R-6.3.1 retrieval and search; R-7.3.1 reads by anyone outside the job are logged. */
@Injectable()
export class RawRecordQueries {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly calendar: LabCalendar,
  ) {}

  search(caller: Caller, f: RecordSearch) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.workOrderId) add('work_order_id = ?', f.workOrderId);
    if (f.itemId) add('item_id = ?', f.itemId);
    if (f.orderNumber) add('order_number = ?', f.orderNumber);
    if (f.serialNumber) add('serial_number = ?', f.serialNumber);
    if (f.customerId) add('customer_id = ?', f.customerId);
    if (f.methodCode) add('method_code = ?', f.methodCode);
    if (f.standardId) add('? = any(standard_ids)', f.standardId);
    if (f.equipmentId) add('? = any(equipment_ids)', f.equipmentId);
    if (f.person) add('? = any(persons)', f.person);
    if (f.status) add('status = ?', f.status);
    if (f.from) add('coalesce(measured_from, created_at) >= ?::date', f.from);
    if (f.to) add(`coalesce(measured_from, created_at) < (?::date + interval '1 day')`, f.to);
    params.push(f.limit, f.offset);
    return this.tx.read(caller.tenant, async (em) => {
      const rows: RecordRow[] = await em.query(
        `select ${RECORD_COLUMNS} from raw_record ${where.length ? `where ${where.join(' and ')}` : ''}
          order by created_at, id limit $${params.length - 1} offset $${params.length}`,
        params,
      );
      const outside = rows.filter((r) => !r.persons.includes(caller.subject));
      if (outside.length) await this.logAccess(em, caller, outside.map((r) => r.id), 'search', false);
      return rows;
    });
  }

  private async logAccess(em: EntityManager, caller: Caller, recordIds: (string | null)[], action: string, inJob: boolean): Promise<void> {
    const now = this.calendar.now();
    for (const recordId of recordIds) {
      await em.query(
        `insert into record_access_log (id, tenant_id, record_id, subject, roles, in_job, action, at) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [randomUUID(), caller.tenant, recordId, caller.subject, caller.roles, inJob, action, now],
      );
    }
  }

  private load<T>(caller: Caller, id: string, action: string, work: (row: RecordRow, entries: JournalEntry[], em: EntityManager) => T | Promise<T>) {
    // A read that writes the access log: one transaction, so a read is never without its log row.
    return this.tx.run(caller.tenant, async (em) => {
      const row = await findRecordRow(em, id);
      if (!row) throw ProblemException.notFound('Raw record', id);
      const entries = await journalOf(em, id);
      const inJob = row.persons.includes(caller.subject);
      if (!inJob) await this.logAccess(em, caller, [id], action, false);
      return work(row, entries, em);
    });
  }

  get(caller: Caller, id: string) {
    return this.load(caller, id, 'read', (row, entries) => present(row, fold(id, entries), entries));
  }

  /** R-6.3.4: every version stays retrievable, with who wrote it, when, and its chain hash. */
  versions(caller: Caller, id: string) {
    return this.load(caller, id, 'read-versions', (_row, entries) =>
      entries.map((e) => ({ version: e.recordVersion, kind: e.kind, actor: e.actor, at: e.recordedAt, seq: e.seq, entryHash: e.entryHash, content: e.payload })),
    );
  }

  atVersion(caller: Caller, id: string, version: number) {
    return this.load(caller, id, 'read-version', (row, entries) => {
      if (!entries.some((e) => e.recordVersion === version)) throw ProblemException.notFound('Record version', `${id}@${version}`);
      const upTo = entries.filter((e) => e.recordVersion <= version);
      return present({ ...row, status: fold(id, upTo).status, currentVersion: version }, fold(id, upTo), upTo);
    });
  }

  /** R-6.3.2: the result reproduced from the stored budget alone. */
  reproduce(caller: Caller, id: string, resultId: string) {
    return this.load(caller, id, 'reproduce', (_row, entries) => {
      const state = fold(id, entries);
      const budget = (state.calculation?.budgets as StoredBudget[] | undefined)?.find((b) => b.resultId === resultId);
      if (!budget) throw ProblemException.notFound('Uncertainty budget', `${id}/${resultId}`);
      return { resultId, calculatedInVersion: state.calculation!.version, stored: budget, ...reproduce(budget) };
    });
  }

  accessLog(caller: Caller, id: string) {
    return this.tx.read(caller.tenant, async (em) => {
      if (!(await findRecordRow(em, id))) throw ProblemException.notFound('Raw record', id);
      return em.query(`select id, subject, roles, in_job as "inJob", action, at from record_access_log where record_id = $1 order by at, id`, [id]);
    });
  }
}
