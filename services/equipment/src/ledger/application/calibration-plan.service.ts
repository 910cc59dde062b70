import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Caller, ProblemException, LabCalendar, TenantTransactions } from '@calchain/platform';
import { IsoDate } from '@calchain/platform/calendar';
import { belongsInPlan, periodBounds } from '../domain/calibration-plan';
import { deriveStatus } from '../domain/equipment-status';
import { EquipmentRepository } from '../infrastructure/equipment.repository';

/** calibration plans: the live schedule, and plans generated per period with their progress. */
@Injectable()
export class CalibrationPlanService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly calendar: LabCalendar,
  ) {}

  /** What falls due between two dates, plus everything overdue today: the live schedule. */
  async schedule(from: IsoDate, to: IsoDate, caller: Caller) {
    const today = this.calendar.today();
    return this.tx.read(caller.tenant, async (em) => {
      const rows = await new EquipmentRepository(em).statusFacts(today);
      return rows
        .map((row) => ({ row, derived: deriveStatus(row, today) }))
        .filter(({ row, derived }) => row.calibrationRequired && derived.status !== 'retired')
        .filter(({ derived }) => derived.status === 'overdue' || (derived.dueDate !== null && derived.dueDate >= from && derived.dueDate <= to))
        .map(({ row, derived }) => ({ equipmentId: row.id, assetNumber: row.assetNumber, name: row.name, ...derived }))
        .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
    });
  }

  async generate(period: string, caller: Caller) {
    const today = this.calendar.today();
    const bounds = periodBounds(period);
    return this.tx.run(caller.tenant, async (em) => {
      const rows = await new EquipmentRepository(em).statusFacts(today);
      const planId = randomUUID();
      const inserted = await em.query(
        `insert into calibration_plan (id, tenant_id, period, period_start, period_end, generated_on, generated_by) values ($1,$2,$3,$4,$5,$6,$7)
         on conflict (tenant_id, period) do nothing returning id`,
        [planId, caller.tenant, period, bounds.start, bounds.end, today, caller.subject],
      );
      if (inserted.length === 0) throw ProblemException.conflict(`A calibration plan for ${period} exists already.`);
      for (const row of rows) {
        const derived = deriveStatus(row, today);
        if (!belongsInPlan({ ...derived, calibrationRequired: row.calibrationRequired, retired: derived.status === 'retired' }, bounds)) continue;
        await em.query(
          `insert into calibration_plan_entry (id, tenant_id, plan_id, equipment_id, due_date, status_when_planned, last_calibrated_when_planned)
           values ($1,$2,$3,$4,$5,$6,$7)`,
          [randomUUID(), caller.tenant, planId, row.id, derived.dueDate, derived.status, derived.lastCalibratedOn],
        );
      }
      return this.load(em, planId);
    });
  }

  async get(id: string, caller: Caller) {
    return this.tx.read(caller.tenant, (em) => this.load(em, id));
  }

  async list(caller: Caller) {
    return this.tx.read(caller.tenant, (em) =>
      em.query(
        `select id, period, period_start::text as "periodStart", period_end::text as "periodEnd", generated_on::text as "generatedOn"
           from calibration_plan order by period_start desc`,
      ),
    );
  }

  /** An entry is done once a calibration newer than the one known when planning is recorded. */
  private async load(em: import('typeorm').EntityManager, id: string) {
    const [plan] = await em.query(
      `select id, period, period_start::text as "periodStart", period_end::text as "periodEnd", generated_on::text as "generatedOn",
              generated_by as "generatedBy" from calibration_plan where id = $1`,
      [id],
    );
    if (!plan) throw ProblemException.notFound('Calibration plan', id);
    const entries: { done: boolean }[] = await em.query(
      `select p.equipment_id as "equipmentId", e.asset_number as "assetNumber", e.name, p.due_date::text as "dueDate",
              p.status_when_planned as "statusWhenPlanned", c.calibrated_on::text as "calibratedOn", c.certificate_number as "certificateNumber",
              c.id is not null as done
         from calibration_plan_entry p
         join equipment e on e.id = p.equipment_id
         left join lateral (
           select id, calibrated_on, certificate_number from calibration
            where equipment_id = p.equipment_id
              and (p.last_calibrated_when_planned is null or calibrated_on > p.last_calibrated_when_planned)
            order by calibrated_on limit 1) c on true
        where p.plan_id = $1
        order by p.due_date nulls first, e.asset_number`,
      [id],
    );
    return { ...plan, progress: { planned: entries.length, done: entries.filter((e) => e.done).length }, entries };
  }
}
