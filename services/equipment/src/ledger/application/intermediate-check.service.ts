import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Caller, Outbox, ProblemException, LabCalendar, TenantTransactions } from '@calchain/platform';
import { addDays } from '@calchain/platform/calendar';
import { CheckPoint, evaluateIntermediateCheck, isValidAcceptance } from '../domain/intermediate-check';
import { CheckPlanInput, CheckResultInput } from '../api/ledger.dto';
import { EquipmentLedgerService, equipmentOr404, statusOn } from './equipment-ledger.service';

/**
 * intermediate checks: plans (points, reference values, acceptance criteria, interval)
 * and results. A failed check suspends the equipment and tells quality, in one transaction.
 */
@Injectable()
export class IntermediateCheckService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly calendar: LabCalendar,
    private readonly ledger: EquipmentLedgerService,
    private readonly outbox: Outbox,
  ) {}

  async plan(equipmentId: string, input: CheckPlanInput, caller: Caller) {
    input.points.forEach((p, i) => {
      if (!isValidAcceptance(p.acceptance)) {
        throw ProblemException.validation([{ field: `points.${i}.acceptance`, rule: 'limit', message: 'a limit such as "0±0.05", "<=0.1" or "-0.02~0.03"' }]);
      }
    });
    return this.tx.run(caller.tenant, async (em) => {
      await equipmentOr404(em, equipmentId);
      if (input.checkStandardId) await equipmentOr404(em, input.checkStandardId);
      const id = randomUUID();
      const firstDueOn = input.firstDueOn ?? this.calendar.today();
      await em.query(
        `insert into intermediate_check_plan (id, tenant_id, equipment_id, title, interval_days, first_due_on, check_standard_id, points, created_by)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [id, caller.tenant, equipmentId, input.title, input.intervalDays, firstDueOn, input.checkStandardId, JSON.stringify(input.points), caller.subject],
      );
      return { id, equipmentId, ...input, firstDueOn };
    });
  }

  async record(equipmentId: string, input: CheckResultInput, caller: Caller) {
    const today = this.calendar.today();
    if (input.performedOn > today) throw ProblemException.ruleViolation('R-5.5.3', 'A check cannot be recorded before it was performed.', 'performedOn');
    return this.tx.run(caller.tenant, async (em) => {
      const equipment = await equipmentOr404(em, equipmentId, true);
      const [plan] = await em.query(
        `select id, check_standard_id as "checkStandardId", points from intermediate_check_plan where id = $1 and equipment_id = $2`,
        [input.planId, equipmentId],
      );
      if (!plan) throw ProblemException.notFound('Intermediate-check plan', input.planId);
      // the check standard the readings are compared with must itself be fit for use.
      if (plan.checkStandardId) {
        const fitness = await statusOn(em, plan.checkStandardId, input.performedOn);
        if (!fitness.usable) {
          throw ProblemException.ruleViolation('R-5.3.2', `The check standard was ${fitness.status} on ${input.performedOn}.`, 'planId', 'reference-not-usable');
        }
      }
      const points: CheckPoint[] = plan.points;
      const observed = Object.fromEntries(input.readings.map((r) => [r.point, r.observed]));
      const missing = points.filter((p) => !(p.point in observed));
      if (missing.length) {
        throw ProblemException.validation(missing.map((p) => ({ field: 'readings', rule: 'required', message: `no reading for check point ${p.point}` })));
      }
      const outcome = evaluateIntermediateCheck(points, observed);
      const id = randomUUID();
      await em.query(
        `insert into intermediate_check (id, tenant_id, equipment_id, plan_id, performed_on, performed_by, check_standard_id, passed, results)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [id, caller.tenant, equipmentId, plan.id, input.performedOn, caller.subject, plan.checkStandardId, outcome.passed, JSON.stringify(outcome.results)],
      );
      await em.query(
        `insert into equipment_history (tenant_id, equipment_id, event, detail, actor) values ($1,$2,$3,$4,$5)`,
        [caller.tenant, equipmentId, outcome.passed ? 'intermediate-check-passed' : 'intermediate-check-failed', JSON.stringify({ checkId: id }), caller.subject],
      );
      if (!outcome.passed) {
        await this.ledger.openSuspension(em, caller, equipmentId, {
          kind: 'suspended',
          reasonCode: 'intermediate-check-failed',
          reason: `Intermediate check of ${input.performedOn} out of its acceptance criteria`,
          sourceId: id,
          startedOn: today,
        });
        await this.outbox.add(em, {
          type: 'equipment.intermediate-check.failed',
          tenant: caller.tenant,
          aggregateId: id,
          payload: {
            checkId: id,
            equipmentId,
            assetNumber: equipment.assetNumber,
            planId: plan.id,
            performedOn: input.performedOn,
            performedBy: caller.subject,
            results: outcome.results.map((r) => ({
              point: r.point, reference: r.reference, observed: r.observed, deviation: r.deviation, acceptance: r.acceptance, unit: r.unit, passed: r.passed,
            })),
            consequence: 'equipment-suspended',
          },
        });
      }
      return { id, equipmentId, planId: plan.id, performedOn: input.performedOn, ...outcome, status: await statusOn(em, equipmentId, today) };
    });
  }

  async checks(equipmentId: string, caller: Caller) {
    return this.tx.read(caller.tenant, async (em) => {
      await equipmentOr404(em, equipmentId);
      const plans = await em.query(
        `select p.id, p.title, p.interval_days as "intervalDays", p.first_due_on::text as "firstDueOn", p.check_standard_id as "checkStandardId", p.points,
                (select max(performed_on)::text from intermediate_check c where c.plan_id = p.id) as "lastPerformedOn"
           from intermediate_check_plan p where p.equipment_id = $1 order by p.created_at`,
        [equipmentId],
      );
      const results = await em.query(
        `select id, plan_id as "planId", performed_on::text as "performedOn", performed_by as "performedBy", passed, results
           from intermediate_check where equipment_id = $1 order by performed_on desc, recorded_at desc`,
        [equipmentId],
      );
      return { plans, results };
    });
  }

  /** Checks due by a day (today by default): plans never performed or whose interval has run out. */
  async due(caller: Caller) {
    const today = this.calendar.today();
    return this.tx.read(caller.tenant, async (em) => {
      const plans: { planId: string; equipmentId: string; assetNumber: string; title: string; intervalDays: number; lastPerformedOn: string | null; firstDueOn: string }[] =
        await em.query(
          `select p.id as "planId", p.equipment_id as "equipmentId", e.asset_number as "assetNumber", p.title, p.interval_days as "intervalDays",
                  (select max(performed_on)::text from intermediate_check c where c.plan_id = p.id) as "lastPerformedOn",
                  p.first_due_on::text as "firstDueOn"
             from intermediate_check_plan p join equipment e on e.id = p.equipment_id
            where e.retired_on is null`,
        );
      return plans
        .map((p) => ({ ...p, dueOn: p.lastPerformedOn ? addDays(p.lastPerformedOn, p.intervalDays) : p.firstDueOn }))
        .filter((p) => p.dueOn <= today)
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
    });
  }
}
