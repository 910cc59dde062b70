import { EntityManager } from 'typeorm';
import { ComplaintChannel, ComplaintOutcome, ComplaintStatus } from '../domain/complaint';
import { ComplaintContacts } from '../domain/complaint-policy';

export interface ComplaintRow {
  id: string;
  number: string;
  channel: ComplaintChannel;
  category: string;
  subject: string;
  description: string;
  workOrderId: string | null;
  confidential: boolean;
  receivedAt: Date;
  handlingDays: number;
  dueAt: Date;
  status: ComplaintStatus;
  breachedAt: Date | null;
  outcome: ComplaintOutcome | null;
  resolution: string | null;
  closedAt: Date | null;
  withinTimeLimit: boolean | null;
  registeredBy: string;
  registeredAt: Date;
}

/** The complaint policy an institution publishes; `flow` null = the default flow. */
export interface PolicyFields extends ComplaintContacts {
  handlingDays: number;
  flow: string[] | null;
}

export interface StoredPolicy extends PolicyFields {
  publishedOn: string;
}

const columns = `id, number, channel, category, subject, description, work_order_id as "workOrderId", confidential, received_at as "receivedAt",
  handling_days as "handlingDays", due_at as "dueAt", status, breached_at as "breachedAt", outcome, resolution, closed_at as "closedAt",
  within_time_limit as "withinTimeLimit", registered_by as "registeredBy", registered_at as "registeredAt"`;

/** Complaints of one institution. The complainant ciphertext is read only through `complainantCipher`. */
export class ComplaintRepository {
  constructor(private readonly em: EntityManager) {}

  async policy(): Promise<StoredPolicy | null> {
    const [row] = await this.em.query(
      `select handling_days as "handlingDays", to_char(published_on, 'YYYY-MM-DD') as "publishedOn", phone, email, postal_address as "postalAddress",
              office_hours as "officeHours", flow
         from complaint_policy`,
    );
    return row ?? null;
  }

  /** replaces the whole published policy: a contact not given is no longer published. */
  async setPolicy(tenantId: string, policy: PolicyFields, publishedOn: string, by: string): Promise<void> {
    await this.em.query(
      `insert into complaint_policy (tenant_id, handling_days, phone, email, postal_address, office_hours, flow, published_on, updated_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (tenant_id) do update set
         handling_days = excluded.handling_days, phone = excluded.phone, email = excluded.email, postal_address = excluded.postal_address,
         office_hours = excluded.office_hours, flow = excluded.flow, published_on = excluded.published_on, updated_by = excluded.updated_by, updated_at = now()`,
      [tenantId, policy.handlingDays, policy.phone, policy.email, policy.postalAddress, policy.officeHours, policy.flow, publishedOn, by],
    );
  }

  async insert(tenantId: string, c: ComplaintRow, complainantCipher: string): Promise<void> {
    await this.em.query(
      `insert into complaint (id, tenant_id, number, channel, category, subject, description, work_order_id, confidential, complainant_cipher,
                              received_at, handling_days, due_at, status, registered_by, registered_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [c.id, tenantId, c.number, c.channel, c.category, c.subject, c.description, c.workOrderId, c.confidential, complainantCipher,
        c.receivedAt, c.handlingDays, c.dueAt, c.status, c.registeredBy, c.registeredAt],
    );
  }

  async find(id: string, lock = false): Promise<ComplaintRow | null> {
    const [row] = await this.em.query(`select ${columns} from complaint where id = $1 ${lock ? 'for update' : ''}`, [id]);
    return row ?? null;
  }

  async complainantCipher(id: string): Promise<string> {
    const [row] = await this.em.query(`select complainant_cipher as c from complaint where id = $1`, [id]);
    return row.c;
  }

  async list(filter: { status?: string; from?: Date; to?: Date }): Promise<ComplaintRow[]> {
    return this.em.query(
      `select ${columns} from complaint
        where ($1::text is null or status = $1) and ($2::timestamptz is null or received_at >= $2) and ($3::timestamptz is null or received_at < $3)
        order by received_at desc limit 1000`,
      [filter.status ?? null, filter.from ?? null, filter.to ?? null],
    );
  }

  /** Open complaints past their limit not yet recorded as breached (locked for the sweep). */
  async newlyOverdue(now: Date): Promise<ComplaintRow[]> {
    return this.em.query(`select ${columns} from complaint where status <> 'closed' and breached_at is null and due_at < $1 for update`, [now]);
  }

  async update(id: string, change: Partial<Pick<ComplaintRow, 'status' | 'dueAt' | 'breachedAt' | 'outcome' | 'resolution' | 'closedAt' | 'withinTimeLimit'>>): Promise<void> {
    const map: Record<string, string> = {
      status: 'status', dueAt: 'due_at', breachedAt: 'breached_at', outcome: 'outcome', resolution: 'resolution', closedAt: 'closed_at', withinTimeLimit: 'within_time_limit',
    };
    const entries = Object.entries(change);
    if (!entries.length) return;
    const sets = entries.map(([k], i) => `${map[k]} = $${i + 2}`).join(', ');
    await this.em.query(`update complaint set ${sets} where id = $1`, [id, ...entries.map(([, v]) => v)]);
  }

  async handlers(complaintId: string): Promise<{ handler: string; assignedBy: string; assignedAt: Date }[]> {
    return this.em.query(
      `select handler, assigned_by as "assignedBy", assigned_at as "assignedAt" from complaint_handler where complaint_id = $1 order by assigned_at`,
      [complaintId],
    );
  }

  async addHandler(tenantId: string, complaintId: string, handler: string, by: string, at: Date): Promise<void> {
    await this.em.query(
      `insert into complaint_handler (tenant_id, complaint_id, handler, assigned_by, assigned_at) values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [tenantId, complaintId, handler, by, at],
    );
  }

  async addStep(tenantId: string, complaintId: string, kind: string, note: string | null, actor: string, at: Date): Promise<void> {
    await this.em.query(`insert into complaint_step (tenant_id, complaint_id, kind, note, actor, at) values ($1, $2, $3, $4, $5, $6)`, [
      tenantId, complaintId, kind, note, actor, at,
    ]);
  }

  async steps(complaintId: string): Promise<{ kind: string; note: string | null; actor: string; at: Date }[]> {
    return this.em.query(`select kind, note, actor, at from complaint_step where complaint_id = $1 order by seq`, [complaintId]);
  }

  async addExtension(
    tenantId: string,
    e: { id: string; complaintId: string; previousDueAt: Date; newDueAt: Date; reason: string; agreedOn: string; agreedVia: string; recordedBy: string; recordedAt: Date },
  ): Promise<void> {
    await this.em.query(
      `insert into complaint_extension (id, tenant_id, complaint_id, previous_due_at, new_due_at, reason, agreed_on, agreed_via, recorded_by, recorded_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [e.id, tenantId, e.complaintId, e.previousDueAt, e.newDueAt, e.reason, e.agreedOn, e.agreedVia, e.recordedBy, e.recordedAt],
    );
  }

  async extensions(complaintId: string): Promise<unknown[]> {
    return this.em.query(
      `select previous_due_at as "previousDueAt", new_due_at as "newDueAt", reason, to_char(agreed_on, 'YYYY-MM-DD') as "agreedOn", agreed_via as "agreedVia",
              recorded_by as "recordedBy", recorded_at as "recordedAt"
         from complaint_extension where complaint_id = $1 order by recorded_at`,
      [complaintId],
    );
  }

  /** Statistics for regulators and management review: counts only, nothing that identifies anyone. */
  async statistics(from: Date, to: Date): Promise<Record<string, unknown>> {
    const [totals] = await this.em.query(
      `select count(*)::int as received,
              count(*) filter (where status = 'closed')::int as closed,
              count(*) filter (where status <> 'closed')::int as open,
              count(*) filter (where status <> 'closed' and due_at < now())::int as "openOverdue",
              count(*) filter (where within_time_limit)::int as "closedWithinTimeLimit",
              count(*) filter (where breached_at is not null)::int as "timeLimitBreached",
              round(avg(extract(epoch from closed_at - received_at) / 86400) filter (where status = 'closed')::numeric, 1)::text as "averageHandlingDays"
         from complaint where received_at >= $1 and received_at < $2`,
      [from, to],
    );
    const group = (column: string) =>
      this.em.query(`select ${column} as key, count(*)::int as count from complaint where received_at >= $1 and received_at < $2 group by 1 order by 1`, [from, to]);
    const [byChannel, byCategory, byOutcome] = await Promise.all([group('channel'), group('category'), group(`coalesce(outcome, 'open')`)]);
    const [{ extended }] = await this.em.query(
      `select count(distinct e.complaint_id)::int as extended from complaint_extension e join complaint c on c.id = e.complaint_id
        where c.received_at >= $1 and c.received_at < $2`,
      [from, to],
    );
    return { ...totals, extended, byChannel, byCategory, byOutcome };
  }
}
