import { EntityManager } from 'typeorm';
import { ENTRY_COLUMNS, Journal, toJournalEntry } from '../../chain/application/journal';
import { projectionOf, RecordProjection } from '../domain/projection';
import { CreatedPayload, fold, JournalEntry, RecordState } from '../domain/record-state';

/** The raw_record row as the API shows it (the projection plus the original slice's columns). */
export const RECORD_COLUMNS = `
  id, tenant_id as "tenantId", work_order_id as "workOrderId", order_number as "orderNumber", item_id as "itemId", description,
  serial_number as "serialNumber", service_kind as "serviceKind", method_code as "methodCode", status, source_event_id as "sourceEventId",
  created_at as "createdAt", record_number as "recordNumber", customer_id as "customerId", place_of_work as "placeOfWork",
  nominal_range as "nominalRange", item_code as "itemCode", method_version as "methodVersion", method_id as "methodId", section,
  promised_date as "promisedDate", current_version as "currentVersion", head_hash as "headHash", calibrator, checker, persons,
  room_id as "roomId", room_code as "roomCode", standard_ids as "standardIds", equipment_ids as "equipmentIds", opened_at as "openedAt",
  submitted_at as "submittedAt", approved_at as "approvedAt", measured_from as "measuredFrom", measured_to as "measuredTo",
  retention_class as "retentionClass", retain_until as "retainUntil", remeasurement_of as "remeasurementOf", remeasured_by as "remeasuredBy",
  blocked_by as "blockedBy", destroyed_at as "destroyedAt", updated_at as "updatedAt"`;

export interface RecordRow {
  id: string;
  tenantId: string;
  workOrderId: string;
  orderNumber: string;
  itemId: string;
  description: string;
  serialNumber: string | null;
  serviceKind: 'calibration' | 'verification';
  methodCode: string | null;
  status: string;
  currentVersion: number;
  calibrator: string | null;
  checker: string | null;
  persons: string[];
  retainUntil: string | null;
  recordNumber: string | null;
  [key: string]: unknown;
}

export async function nextRecordNumber(em: EntityManager, tenant: string, year: number): Promise<string> {
  const [row] = await em.query(
    `insert into record_number_seq (tenant_id, year, last) values ($1, $2, 1)
     on conflict (tenant_id, year) do update set last = record_number_seq.last + 1 returning last`,
    [tenant, year],
  );
  return `RR-${year}-${String(row.last).padStart(6, '0')}`;
}

/** Creates a record: its first journal entry and its projection row. */
export async function createRecord(journal: Journal, recordId: string, created: CreatedPayload, actor: string, now: Date): Promise<RecordState> {
  const entry = await journal.append(recordId, 'created', created, actor, now);
  const state = fold(recordId, [entry]);
  await journal.em.query(
    `insert into raw_record (id, tenant_id, work_order_id, order_number, item_id, description, serial_number, service_kind, method_code, status,
                             source_event_id, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $11)`,
    [recordId, journal.tenant, created.workOrderId, created.orderNumber, created.itemId, created.description, created.serialNumber, created.serviceKind,
      created.methodCode, created.sourceEventId ?? recordId, now],
  );
  await writeProjection(journal.em, recordId, projectionOf(state, entry.entryHash), now);
  return state;
}

/** A row of the first slice (before the journal) gets its `created` entry; the row stays. */
export async function adoptRecord(journal: Journal, recordId: string, created: CreatedPayload, actor: string, at: Date): Promise<void> {
  const entry = await journal.append(recordId, 'created', created, actor, at);
  await writeProjection(journal.em, recordId, projectionOf(fold(recordId, [entry]), entry.entryHash), at);
}

export async function writeProjection(em: EntityManager, recordId: string, p: RecordProjection, now: Date): Promise<void> {
  await em.query(
    `update raw_record set status = $2, current_version = $3, head_hash = $4, record_number = $5, customer_id = $6, place_of_work = $7,
       nominal_range = $8, item_code = $9, method_code = coalesce($10, method_code), method_version = $11, method_id = $12, section = $13,
       promised_date = $14, calibrator = $15, checker = $16, persons = $17, room_id = $18, room_code = $19, standard_ids = $20,
       equipment_ids = $21, opened_at = $22, submitted_at = $23, approved_at = $24, measured_from = $25, measured_to = $26,
       retention_class = $27, retain_until = $28, remeasurement_of = $29, remeasured_by = $30, blocked_by = $31, destroyed_at = $32, updated_at = $33
     where id = $1`,
    [
      recordId, p.status, p.currentVersion, p.headHash, p.recordNumber, p.customerId, p.placeOfWork, p.nominalRange, p.itemCode, p.methodCode,
      p.methodVersion, p.methodId, p.section, p.promisedDate, p.calibrator, p.checker, p.persons, p.roomId, p.roomCode, p.standardIds, p.equipmentIds,
      p.openedAt, p.submittedAt, p.approvedAt, p.measuredFrom, p.measuredTo, p.retentionClass, p.retainUntil, p.remeasurementOf, p.remeasuredBy,
      JSON.stringify(p.blockedBy), p.destroyedAt, now,
    ],
  );
}

/** Appends an entry and rewrites the projection from the new fold. */
export async function appendAndProject(
  journal: Journal,
  recordId: string,
  entries: JournalEntry[],
  kind: string,
  payload: unknown,
  actor: string,
  now: Date,
): Promise<{ state: RecordState; entry: JournalEntry; entries: JournalEntry[] }> {
  const entry = await journal.append(recordId, kind, payload, actor, now);
  const all = [...entries, entry];
  const state = fold(recordId, all);
  await writeProjection(journal.em, recordId, projectionOf(state, entry.entryHash), now);
  return { state, entry, entries: all };
}

export async function findRecordRow(em: EntityManager, recordId: string, lock = false): Promise<RecordRow | undefined> {
  const [row] = await em.query(`select ${RECORD_COLUMNS} from raw_record where id = $1 ${lock ? 'for update' : ''}`, [recordId]);
  return row;
}

export async function journalOf(em: EntityManager, recordId: string): Promise<JournalEntry[]> {
  return (await em.query(`select ${ENTRY_COLUMNS} from record_entry where record_id = $1 order by record_version`, [recordId])).map(toJournalEntry);
}
