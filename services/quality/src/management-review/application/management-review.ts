import { Injectable } from '@nestjs/common';
import { Caller } from '@calchain/platform';
import { ComplaintRepository } from '../../complaints/infrastructure/complaint.repository';
import { LabTime } from '../../shared/application/lab-time';
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
    private readonly time: LabTime,
  ) {}

  pack(caller: Caller, range: { from: Date; to: Date }) {
    return this.uow.read(caller.tenant, async (em) => {
      const q = async (sql: string) => em.query(sql, [range.from, range.to]);
      const today = this.time.today();
      const [complaints, proficiency, charts, findings, correctiveActions, overdueActions, improvements, staffing, documents] = await Promise.all([
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
        // Inputs of a full review that other services own and quality does not receive yet.
        notYetCovered: ['turnaround versus promised time limits (intake)', 'customer satisfaction surveys', 'supervision results', 'internal audits'],
      };
    });
  }
}
