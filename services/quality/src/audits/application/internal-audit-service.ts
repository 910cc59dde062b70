import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, ProblemException, LabCalendar } from '@calchain/platform';
import { ImprovementService } from '../../improvement/application/improvement-service';
import { FindingSeverity } from '../../improvement/domain/finding';
import { UnitOfWork } from '../../shared/application/unit-of-work';
import { AuditStatus, checkFinding, checkPlan, complete, start } from '../domain/internal-audit';

export interface NewAudit {
  programmeYear: number;
  title: string;
  scope: string[];
  areas: string[];
  plannedOn: string;
  leadAuditor: string;
}

export interface AuditFinding {
  severity: FindingSeverity;
  requirement: string | null;
  title: string;
  description: string | null;
  itemCode: string | null;
  openCorrectiveAction: { dueOn: string | null } | null;
}

const AUDIT = `id, programme_year as "programmeYear", title, scope, areas, to_char(planned_on, 'YYYY-MM-DD') as "plannedOn", lead_auditor as "leadAuditor",
  status, to_char(started_on, 'YYYY-MM-DD') as "startedOn", to_char(completed_on, 'YYYY-MM-DD') as "completedOn", conclusion,
  created_by as "createdBy", created_at as "createdAt"`;

/** The internal audit programme (R-9.2 lists internal audits as a source of the improvement register). */
@Injectable()
export class InternalAuditService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly time: LabCalendar,
    private readonly improvement: ImprovementService,
  ) {}

  plan(caller: Caller, input: NewAudit) {
    return this.uow.run(caller.tenant, async (em) => {
      checkPlan(input);
      const id = randomUUID();
      await em.query(
        `insert into internal_audit (id, tenant_id, programme_year, title, scope, areas, planned_on, lead_auditor, status, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, 'planned', $9, $10)`,
        [id, caller.tenant, input.programmeYear, input.title, input.scope, input.areas, input.plannedOn, input.leadAuditor, caller.subject, this.time.now()],
      );
      return this.detail(em, id);
    });
  }

  start(caller: Caller, id: string) {
    return this.uow.run(caller.tenant, async (em) => {
      const audit = await this.locked(em, id);
      await em.query(`update internal_audit set status = $2, started_on = $3 where id = $1`, [id, start(audit.status), this.time.today()]);
      return this.detail(em, id);
    });
  }

  addFinding(caller: Caller, id: string, input: AuditFinding) {
    return this.uow.run(caller.tenant, async (em) => {
      const audit = await this.locked(em, id);
      checkFinding(audit.status, audit.scope, input.requirement);
      await this.improvement.raiseFindingIn(em, caller.tenant, {
        source: 'internal-audit', sourceRef: id, severity: input.severity, requirement: input.requirement, title: input.title,
        description: input.description, itemCode: input.itemCode,
      }, caller.subject, input.openCorrectiveAction ? { openCorrectiveAction: input.openCorrectiveAction } : {});
      return this.detail(em, id);
    });
  }

  complete(caller: Caller, id: string, conclusion: string) {
    return this.uow.run(caller.tenant, async (em) => {
      const audit = await this.locked(em, id);
      await em.query(`update internal_audit set status = $2, completed_on = $3, conclusion = $4 where id = $1`, [id, complete(audit.status), this.time.today(), conclusion]);
      return this.detail(em, id);
    });
  }

  /** The programme of a year: its audits, and which requirement ids they cover together. */
  programme(caller: Caller, year: number) {
    return this.uow.read(caller.tenant, async (em) => {
      const audits = await em.query(`select ${AUDIT} from internal_audit where programme_year = $1 order by planned_on, title`, [year]);
      const covered = [...new Set((audits as { scope: string[] }[]).flatMap((a) => a.scope))].sort();
      return { year, audits, covered };
    });
  }

  audit(caller: Caller, id: string) {
    return this.uow.read(caller.tenant, (em) => this.detail(em, id));
  }

  private async locked(em: EntityManager, id: string): Promise<{ status: AuditStatus; scope: string[] }> {
    const [row] = await em.query(`select status, scope from internal_audit where id = $1 for update`, [id]);
    if (!row) throw ProblemException.notFound('Internal audit', id);
    return row;
  }

  private async detail(em: EntityManager, id: string) {
    const [audit] = await em.query(`select ${AUDIT} from internal_audit where id = $1`, [id]);
    if (!audit) throw ProblemException.notFound('Internal audit', id);
    const findings = await em.query(
      `select id, number, severity, requirement, title, status from finding where source = 'internal-audit' and source_ref = $1 order by number`,
      [id],
    );
    return { ...audit, findings };
  }
}
