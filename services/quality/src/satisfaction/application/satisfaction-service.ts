import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PayloadOf } from '@calchain/contracts';
import { Caller, ProblemException, LabCalendar } from '@calchain/platform';
import { ImprovementService } from '../../improvement/application/improvement-service';
import { UnitOfWork } from '../../shared/application/unit-of-work';
import { rememberInstitution } from '../../shared/infrastructure/numbering';
import { checkResponse, FeedbackClass, needsFinding } from '../domain/satisfaction';

export interface NewResponse {
  channel: 'web-form' | 'phone' | 'mail' | 'email' | 'in-person';
  site: string | null;
  overall: number;
  timeliness: number | null;
  service: number | null;
  reportQuality: number | null;
  classification: FeedbackClass;
  comment: string | null;
}

const SURVEY = `s.id, s.return_id as "returnId", s.contract_id as "contractId", s.item_id as "itemId", s.label, s.site, s.discipline,
  s.within_time_limit as "withinTimeLimit", s.completed_at as "completedAt", s.status, s.created_at as "createdAt",
  r.overall, r.timeliness, r.service, r.report_quality as "reportQuality", r.classification, r.channel, r.finding_id as "findingId", r.recorded_at as "answeredAt"`;

/**
 * Customer satisfaction: a survey per returned item (intake.item.returned), responses
 * with scores and classified feedback, satisfaction indices per period, site and discipline; low
 * scores and criticism become findings in the improvement register. Comments stay here:
 * never in events, and the register carries only the survey reference.
 */
@Injectable()
export class SatisfactionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly time: LabCalendar,
    private readonly improvement: ImprovementService,
  ) {}

  /** intake.item.returned → a survey awaiting the customer's response; the discipline from the approved record, when quality has seen it. */
  async openSurveyIn(em: EntityManager, tenant: string, r: PayloadOf<'intake.item.returned'>): Promise<void> {
    await rememberInstitution(em, tenant);
    const [job] = await em.query(`select item_code as "itemCode" from supervision_job where item_id = $1 and item_code is not null order by completed_on desc limit 1`, [r.itemId]);
    await em.query(
      `insert into satisfaction_survey (id, tenant_id, return_id, contract_id, item_id, label, site, discipline, within_time_limit, completed_at, status, created_at)
       values ($1, $2, $3, $4, $5, $6, null, $7, $8, $9, 'awaiting-response', $10) on conflict (tenant_id, return_id) do nothing`,
      [randomUUID(), tenant, r.returnId, r.contractId, r.itemId, r.label, job?.itemCode ?? null, r.withinTimeLimit, r.returnedAt, this.time.now()],
    );
  }

  respond(caller: Caller, id: string, input: NewResponse) {
    return this.uow.run(caller.tenant, async (em) => {
      const [survey] = await em.query(`select id, status, label, discipline from satisfaction_survey where id = $1 for update`, [id]);
      if (!survey) throw ProblemException.notFound('Satisfaction survey', id);
      checkResponse(survey.status);
      let findingId: string | null = null;
      const raise = needsFinding(input.overall, input.classification);
      if (raise) {
        const { finding } = await this.improvement.raiseFindingIn(em, caller.tenant, {
          source: 'satisfaction', sourceRef: id, severity: raise.severity, requirement: 'R-9.1',
          title: `Customer satisfaction survey for item ${survey.label}: overall score ${input.overall} of 5, feedback classified as ${input.classification}`,
          description: null, itemCode: survey.discipline, dedupeKey: `satisfaction:${id}`,
        }, caller.subject);
        findingId = finding.id;
      }
      await em.query(
        `insert into satisfaction_response (id, tenant_id, survey_id, channel, overall, timeliness, service, report_quality, classification, comment, finding_id, recorded_by, recorded_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [randomUUID(), caller.tenant, id, input.channel, input.overall, input.timeliness, input.service, input.reportQuality, input.classification, input.comment, findingId, caller.subject, this.time.now()],
      );
      await em.query(`update satisfaction_survey set status = 'answered', site = coalesce($2, site) where id = $1`, [id, input.site]);
      return this.detail(em, id);
    });
  }

  surveys(caller: Caller, filter: { status?: string }) {
    return this.uow.read(caller.tenant, (em) =>
      em.query(`select ${SURVEY} from satisfaction_survey s left join satisfaction_response r on r.survey_id = s.id
                 where ($1::text is null or s.status = $1) order by s.completed_at desc limit 1000`, [filter.status ?? null]),
    );
  }

  survey(caller: Caller, id: string) {
    return this.uow.read(caller.tenant, (em) => this.detail(em, id));
  }

  /**
   * satisfaction indices: per group (month of completion, site or discipline) in the period,
   * the number of responses, the mean overall score as a decimal string (two places), low scores
   * and the feedback counted by class; surveys sent and the response rate come along.
   */
  indices(caller: Caller, q: { from: Date; to: Date; by: 'month' | 'site' | 'discipline' }) {
    const key = { month: `to_char(s.completed_at at time zone 'UTC', 'YYYY-MM')`, site: `coalesce(s.site, '(unknown)')`, discipline: `coalesce(s.discipline, '(unknown)')` }[q.by];
    return this.uow.read(caller.tenant, (em) =>
      em.query(
        `select ${key} as "group", count(s.id)::int as surveys, count(r.id)::int as responses,
                case when count(r.id) = 0 then null else round(avg(r.overall)::numeric, 2)::text end as "index",
                count(r.id) filter (where r.overall <= 2)::int as "lowScores",
                count(r.id) filter (where r.classification = 'praise')::int as praise,
                count(r.id) filter (where r.classification = 'suggestion')::int as suggestion,
                count(r.id) filter (where r.classification = 'criticism')::int as criticism,
                count(r.id) filter (where r.classification = 'neutral')::int as neutral
           from satisfaction_survey s left join satisfaction_response r on r.survey_id = s.id
          where s.completed_at >= $1 and s.completed_at < $2 group by 1 order by 1`,
        [q.from, q.to],
      ),
    );
  }

  private async detail(em: EntityManager, id: string) {
    const [row] = await em.query(`select ${SURVEY}, r.comment from satisfaction_survey s left join satisfaction_response r on r.survey_id = s.id where s.id = $1`, [id]);
    if (!row) throw ProblemException.notFound('Satisfaction survey', id);
    return row;
  }
}
