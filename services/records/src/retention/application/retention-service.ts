import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Caller, ProblemException, LabCalendar, TenantTransactions } from '@calchain/platform';
import { Journals } from '../../chain/application/journal';
import { refuse } from '../../raw-records/application/refuse';
import { fold } from '../../raw-records/domain/record-state';
import { violation } from '../../raw-records/domain/rules';
import { appendAndProject, journalOf, writeProjection } from '../../raw-records/infrastructure/record-store';
import { projectionOf } from '../../raw-records/domain/projection';

/** Entry kinds whose content survives destruction: what was destroyed, of which order, and when. */
const KEPT_KINDS = ['created', 'dispatched', 'approved', 'remeasurement-opened', 'destroyed'];

/**
 * expired records (retention class, default 6 years from approval) are
 * listed for destruction; a list needs the approval of a person other than the one who drew it up,
 * and its execution leaves a record: the record's row, its `destroyed` entry and every entry's hash
 * stay, only the measurement content is emptied.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly journals: Journals,
    private readonly calendar: LabCalendar,
  ) {}

  expired(caller: Caller) {
    const today = this.calendar.today();
    return this.tx.read(caller.tenant, (em) =>
      em.query(
        `select id, record_number as "recordNumber", order_number as "orderNumber", status, retention_class as "retentionClass", retain_until as "retainUntil"
           from raw_record where retain_until < $1 and status in ('approved', 'remeasured') order by retain_until, record_number`,
        [today],
      ),
    );
  }

  propose(caller: Caller) {
    const today = this.calendar.today();
    return this.tx.run(caller.tenant, async (em) => {
      const rows: { id: string }[] = await em.query(`select id from raw_record where retain_until < $1 and status in ('approved', 'remeasured') order by retain_until`, [today]);
      if (rows.length === 0) throw refuse([violation('R-6.3.6', 'records', 'expired-records', `no record's retention period has expired on ${today}`)]);
      const list = { id: randomUUID(), status: 'proposed', cutoff: today, recordIds: rows.map((r) => r.id), proposedBy: caller.subject, proposedAt: this.calendar.now() };
      await em.query(
        `insert into destruction_list (id, tenant_id, status, cutoff, record_ids, proposed_by, proposed_at) values ($1, $2, $3, $4, $5, $6, $7)`,
        [list.id, caller.tenant, list.status, list.cutoff, list.recordIds, list.proposedBy, list.proposedAt],
      );
      return list;
    });
  }

  lists(caller: Caller) {
    return this.tx.read(caller.tenant, (em) =>
      em.query(
        `select id, status, cutoff, record_ids as "recordIds", proposed_by as "proposedBy", proposed_at as "proposedAt", approved_by as "approvedBy", approved_at as "approvedAt"
           from destruction_list order by proposed_at desc`,
      ),
    );
  }

  approve(caller: Caller, listId: string) {
    const today = this.calendar.today();
    const now = this.calendar.now();
    return this.tx.run(caller.tenant, async (em) => {
      const journal = await this.journals.open(em, caller.tenant);
      const [list] = await em.query(`select * from destruction_list where id = $1 for update`, [listId]);
      if (!list) throw ProblemException.notFound('Destruction list', listId);
      if (list.status !== 'proposed') throw ProblemException.conflict(`destruction list ${listId} is already ${list.status}`);
      if (list.proposed_by === caller.subject) {
        throw refuse([violation('R-7.3.1', 'approvedBy', 'four-eyes', 'a destruction list is approved by a person other than the one who drew it up')]);
      }
      await em.query(`select set_config('calchain.records.destruction', $1, true)`, [listId]);
      const destroyed: string[] = [];
      for (const recordId of list.record_ids as string[]) {
        const [row] = await em.query(`select retain_until from raw_record where id = $1 for update`, [recordId]);
        const entries = await journalOf(em, recordId);
        const state = fold(recordId, entries);
        // Checked again at execution: nothing unexpired is ever destroyed.
        if (!row?.retain_until || row.retain_until >= today || !['approved', 'remeasured'].includes(state.status)) {
          throw refuse([violation('R-6.3.6', 'recordIds', 'retention-expired', `record ${recordId} is retained until ${row?.retain_until ?? '(unknown)'}`)]);
        }
        await appendAndProject(journal, recordId, entries, 'destroyed', { destructionListId: listId, approvedBy: caller.subject, retainUntil: row.retain_until }, caller.subject, now);
        await em.query(`update record_entry set payload = null where record_id = $1 and kind <> all($2::text[]) and payload is not null`, [recordId, KEPT_KINDS]);
        const remaining = await journalOf(em, recordId);
        await writeProjection(em, recordId, projectionOf(fold(recordId, remaining), remaining[remaining.length - 1].entryHash), now);
        destroyed.push(recordId);
      }
      await em.query(`update destruction_list set status = 'approved', approved_by = $2, approved_at = $3 where id = $1`, [listId, caller.subject, now]);
      await journal.finish(now);
      return { id: listId, status: 'approved', destroyed };
    });
  }
}
