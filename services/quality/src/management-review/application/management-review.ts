import { Injectable } from '@nestjs/common';
import { Caller, LabCalendar } from '@calchain/platform';
import { ComplaintRepository } from '../../complaints/infrastructure/complaint.repository';
import { UnitOfWork } from '../../shared/application/unit-of-work';

/**
 * The management-review pack (R-9.2, and the inputs an accreditation assessor expects), built
 * from the live data of the period instead of a hand-assembled report: complaints, proficiency
 * testing, control charts, findings, corrective actions, the improvement register, staffing and
 * documents. Counts and statuses only; no complainant, no personal data.
 */
@Injectable()
export class ManagementReviewService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly time: LabCalendar,
  ) {}

  pack(caller: Caller, range: { from: Date; to: Date }) {
    return this.uow.read(caller.tenant, async (em) => {
      const q = async (sql: string) => em.query(sql, [range.from, range.to]);
      const today = this.time.today();
      const [complaints, proficiency, charts, findings, correctiveActions, overdueActions, improvements, staffing, documents, supervision, remeasurements, satisfaction, audits] = await Promise.all([
        new ComplaintRepository(em).statistics(range.from, range.to),
        q(`select r.scheme, r.scoring, x.classification, count(*)::int as count
             from proficiency_result x join proficiency_round r on r.id = x.round_id
            where x.recorded_at >= $1 and x.recorded_at < $2 group by 1, 2, 3 order by 1, 2, 3`),
        q(`select c.item_code as "itemCode", c.name, count(p.*)::int as points, count(p.*) filter (where cardinality(p.violations) > 0)::int as "outOfControl"
             from control_chart c left join control_point p on p.chart_id = c.id and p.measured_at >= $1 and p.measured_at < $2
            group by 1, 2 order by 1, 2`),
        q(`select source, severity, status, count(*)::int as count from finding where raised_at >= $1 and raised_at < $2 group by 1, 2, 3 order by 1, 2, 3`),
        q(`select status, count(*)::int as count from corrective_action where opened_at >= $1 and opened_at < $2 group by 1 order by 1`),
        em.query(`select number, title, to_char(due_on, 'YYYY-MM-DD') as "dueOn", status from corrective_action where status <> 'closed' and due_on < $1 order by due_on`, [today]),
        q(`select source, status, count(*)::int as count from improvement_entry where created_at >= $1 and created_at < $2 group by 1, 2 order by 1, 2`),
        em.query(`select count(*)::int as items, count(*) filter (where not adequate)::int as "notAdequate",
                         coalesce(array_agg(code order by code) filter (where not adequate), '{}') as "notAdequateItems" from service_item`),
        em.query(`select count(*) filter (where r.status = 'effective')::int as effective, count(*) filter (where r.status in ('draft', 'approved'))::int as "inPreparation"
                    from document_revision r`),
        // plans whose period overlaps the review period, with their sample results.
        q(`select p.area, count(distinct p.id)::int as plans, count(distinct p.id) filter (where p.status = 'completed')::int as completed,
                  count(s.id)::int as sampled, count(s.id) filter (where s.result = 'conforming')::int as conforming,
                  count(s.id) filter (where s.result = 'nonconforming')::int as nonconforming, count(s.id) filter (where s.result = 'pending')::int as pending
             from supervision_plan p left join supervision_sample s on s.plan_id = p.id
            where p.period_from <= ($2::timestamptz)::date and p.period_to >= ($1::timestamptz)::date group by 1 order by 1`),
        // re-measurement requests opened in the period, by status, and those still open now.
        q(`select count(*)::int as opened, count(*) filter (where status = 'closed')::int as closed,
                  count(*) filter (where outcome = 'original-superseded')::int as "originalSuperseded",
                  (select count(*)::int from remeasurement_request where status <> 'closed') as "openNow"
             from remeasurement_request where opened_at >= $1 and opened_at < $2`),
        // surveys of items completed in the period, the index as a decimal string.
        q(`select count(s.id)::int as surveys, count(r.id)::int as responses,
                  case when count(r.id) = 0 then null else round(avg(r.overall)::numeric, 2)::text end as "index",
                  count(r.id) filter (where r.overall <= 2)::int as "lowScores", count(r.id) filter (where r.classification = 'criticism')::int as criticism
             from satisfaction_survey s left join satisfaction_response r on r.survey_id = s.id
            where s.completed_at >= $1 and s.completed_at < $2`),
        // Internal audits planned in the period, and the findings they raised.
        q(`select (select count(*)::int from internal_audit where planned_on between ($1::timestamptz)::date and ($2::timestamptz)::date) as planned,
                  (select count(*)::int from internal_audit where status = 'completed' and planned_on between ($1::timestamptz)::date and ($2::timestamptz)::date) as completed,
                  count(f.id)::int as findings, count(f.id) filter (where f.severity in ('major', 'critical'))::int as "majorOrCritical"
             from finding f where f.source = 'internal-audit' and f.raised_at >= $1 and f.raised_at < $2`),
      ]);
      return {
        period: range,
        generatedAt: this.time.now(),
        complaints,
        proficiencyTesting: proficiency,
        controlCharts: charts,
        findings,
        correctiveActions: { byStatus: correctiveActions, overdue: overdueActions },
        improvementRegister: improvements,
        staffing: staffing[0],
        documents: documents[0],
        supervision,
        remeasurements: remeasurements[0],
        satisfaction: satisfaction[0],
        internalAudits: audits[0],
        // Inputs of a full review that other services own and quality does not receive yet.
        notYetCovered: ['turnaround versus promised time limits (intake)'],
      };
    });
  }
}
