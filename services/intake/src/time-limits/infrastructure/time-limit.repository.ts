import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { IsoDate } from '@calchain/platform/calendar';
import { ClockState, ServiceKind, TimeLimitEntry } from '../domain/time-limit';
import { calendarOf, WorkingCalendar } from '../domain/working-days';

export interface FeeEntry {
  code: string;
  description: string;
  serviceKind: ServiceKind | null;
  discipline: string | null;
  unitPrice: string;
  currency: string;
  unit: string;
  basis: string | null;
  updatedAt: Date;
}

export interface TimeLimitRow extends TimeLimitEntry {
  note: string | null;
  updatedAt: Date;
}

export interface CalendarDay {
  day: IsoDate;
  kind: 'holiday' | 'working-day';
  name: string;
}

export type DisclosureDocument = 'fee-schedule' | 'time-limits';

export interface PromiseRow {
  itemId: string;
  contractId: string;
  workOrderId: string | null;
  serviceKind: ServiceKind;
  discipline: string;
  workingDays: number;
  startedOn: IsoDate;
  promisedDate: IsoDate;
  requestedDate: IsoDate | null;
  announced: Exclude<ClockState, 'met' | 'late'>;
  completedOn: IsoDate | null;
}

const promiseColumns = `item_id as "itemId", contract_id as "contractId", work_order_id as "workOrderId", service_kind as "serviceKind", discipline,
  working_days as "workingDays", to_char(started_on, 'YYYY-MM-DD') as "startedOn", to_char(promised_date, 'YYYY-MM-DD') as "promisedDate",
  to_char(requested_date, 'YYYY-MM-DD') as "requestedDate", announced, to_char(completed_on, 'YYYY-MM-DD') as "completedOn"`;

/** Fee schedule, time-limit table, working calendar and promises; used inside tenant transactions. */
export class TimeLimitRepository {
  constructor(readonly em: EntityManager) {}

  async fees(): Promise<FeeEntry[]> {
    return this.em.query(
      `select code, description, service_kind as "serviceKind", discipline, unit_price::text as "unitPrice", currency, unit, basis, updated_at as "updatedAt"
         from fee_schedule_entry order by code`,
    );
  }

  async putFee(tenant: string, entry: Omit<FeeEntry, 'updatedAt'>, by: string, at: Date): Promise<void> {
    await this.em.query(
      `insert into fee_schedule_entry (id, tenant_id, code, description, service_kind, discipline, unit_price, currency, unit, basis, updated_by, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       on conflict (tenant_id, code) do update set description = excluded.description, service_kind = excluded.service_kind,
         discipline = excluded.discipline, unit_price = excluded.unit_price, currency = excluded.currency, unit = excluded.unit,
         basis = excluded.basis, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [randomUUID(), tenant, entry.code, entry.description, entry.serviceKind, entry.discipline, entry.unitPrice, entry.currency, entry.unit, entry.basis, by, at],
    );
  }

  async table(): Promise<TimeLimitRow[]> {
    return this.em.query(
      `select service_kind as "serviceKind", discipline, working_days as "workingDays", note, updated_at as "updatedAt"
         from time_limit_entry order by discipline, service_kind`,
    );
  }

  async putTimeLimit(tenant: string, entry: TimeLimitEntry & { note: string | null }, by: string, at: Date): Promise<void> {
    await this.em.query(
      `insert into time_limit_entry (id, tenant_id, service_kind, discipline, working_days, note, updated_by, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (tenant_id, service_kind, discipline) do update set working_days = excluded.working_days, note = excluded.note,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [randomUUID(), tenant, entry.serviceKind, entry.discipline, entry.workingDays, entry.note, by, at],
    );
  }

  async calendarDays(from: IsoDate | null = null, to: IsoDate | null = null): Promise<CalendarDay[]> {
    return this.em.query(
      `select to_char(day, 'YYYY-MM-DD') as day, kind, name from calendar_day
        where ($1::date is null or day >= $1::date) and ($2::date is null or day <= $2::date) order by day`,
      [from, to],
    );
  }

  async calendar(): Promise<WorkingCalendar> {
    return calendarOf(await this.calendarDays());
  }

  async putCalendarDay(tenant: string, day: CalendarDay): Promise<void> {
    await this.em.query(
      `insert into calendar_day (tenant_id, day, kind, name) values ($1, $2, $3, $4)
       on conflict (tenant_id, day) do update set kind = excluded.kind, name = excluded.name`,
      [tenant, day.day, day.kind, day.name],
    );
  }

  async deleteCalendarDay(day: IsoDate): Promise<boolean> {
    const [, count] = await this.em.query(`delete from calendar_day where day = $1`, [day]);
    return count > 0;
  }

  async lastReview(document: DisclosureDocument): Promise<{ reviewedOn: IsoDate; reviewedBy: string; note: string | null } | null> {
    const [row] = await this.em.query(
      `select to_char(reviewed_on, 'YYYY-MM-DD') as "reviewedOn", reviewed_by as "reviewedBy", note from disclosure_review
        where document = $1 order by reviewed_on desc, recorded_at desc limit 1`,
      [document],
    );
    return row ?? null;
  }

  async addReview(tenant: string, document: DisclosureDocument, reviewedOn: IsoDate, by: string, note: string | null, at: Date): Promise<string> {
    const id = randomUUID();
    await this.em.query(
      `insert into disclosure_review (id, tenant_id, document, reviewed_on, reviewed_by, note, recorded_at) values ($1, $2, $3, $4, $5, $6, $7)`,
      [id, tenant, document, reviewedOn, by, note, at],
    );
    return id;
  }

  async insertPromise(tenant: string, p: Omit<PromiseRow, 'announced' | 'completedOn'>): Promise<void> {
    await this.em.query(
      `insert into time_limit_promise (tenant_id, item_id, contract_id, work_order_id, service_kind, discipline, working_days, started_on, promised_date, requested_date)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (tenant_id, item_id) do nothing`,
      [tenant, p.itemId, p.contractId, p.workOrderId, p.serviceKind, p.discipline, p.workingDays, p.startedOn, p.promisedDate, p.requestedDate],
    );
  }

  async promise(itemId: string): Promise<PromiseRow | null> {
    const [row] = await this.em.query(`select ${promiseColumns} from time_limit_promise where item_id = $1`, [itemId]);
    return row ?? null;
  }

  async promisesOf(contractId: string): Promise<PromiseRow[]> {
    return this.em.query(`select ${promiseColumns} from time_limit_promise where contract_id = $1 order by promised_date, item_id`, [contractId]);
  }

  /** Open clocks, locked so that two sweeps never announce one state twice. */
  async openPromisesForUpdate(): Promise<PromiseRow[]> {
    return this.em.query(`select ${promiseColumns} from time_limit_promise where completed_on is null order by promised_date for update skip locked`);
  }

  async listPromises(filter: { contractId?: string; open?: boolean }, limit: number, offset: number): Promise<{ rows: PromiseRow[]; total: number }> {
    const where = `where ($1::uuid is null or contract_id = $1::uuid) and ($2::boolean is null or (completed_on is null) = $2::boolean)`;
    const params = [filter.contractId ?? null, filter.open ?? null];
    const rows = await this.em.query(`select ${promiseColumns} from time_limit_promise ${where} order by promised_date, item_id limit $3 offset $4`, [...params, limit, offset]);
    const [{ total }] = await this.em.query(`select count(*)::int as total from time_limit_promise ${where}`, params);
    return { rows, total };
  }

  async markAnnounced(itemId: string, state: 'at-risk' | 'breached'): Promise<void> {
    await this.em.query(`update time_limit_promise set announced = $2 where item_id = $1`, [itemId, state]);
  }

  async complete(itemId: string, on: IsoDate): Promise<PromiseRow | null> {
    const [rows] = await this.em.query(
      `update time_limit_promise set completed_on = $2 where item_id = $1 and completed_on is null returning ${promiseColumns}`,
      [itemId, on],
    );
    return rows?.[0] ?? null;
  }

  async stop(itemIds: string[], on: IsoDate): Promise<void> {
    await this.em.query(`update time_limit_promise set completed_on = $2 where item_id = any($1::uuid[]) and completed_on is null`, [itemIds, on]);
  }
}
