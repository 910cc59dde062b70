import { EntityManager } from 'typeorm';
import { Scheme, Scoring } from '../domain/proficiency';

export interface RoundRow {
  id: string;
  scheme: Scheme;
  provider: string;
  roundCode: string;
  itemCode: string;
  title: string;
  scoring: Scoring;
  closesOn: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface ResultRow {
  id: string;
  roundId: string;
  artefact: string;
  unit: string;
  labValue: string;
  labUncertainty: string | null;
  assignedValue: string;
  assignedUncertainty: string | null;
  sigmaPt: string | null;
  score: string;
  classification: 'satisfactory' | 'questionable' | 'unsatisfactory';
  findingId: string | null;
  correctiveActionId: string | null;
  recordedBy: string;
  recordedAt: Date;
}

export interface ChartRow {
  id: string;
  itemCode: string;
  name: string;
  checkStandard: string;
  quantity: string;
  unit: string;
  centreLine: string;
  sigma: string;
  createdBy: string;
  createdAt: Date;
}

export interface PointRow {
  id: string;
  value: string;
  measuredAt: Date;
  violations: string[];
  findingId: string | null;
  recordedBy: string;
  recordedAt: Date;
}

const roundColumns = `id, scheme, provider, round_code as "roundCode", item_code as "itemCode", title, scoring, to_char(closes_on, 'YYYY-MM-DD') as "closesOn",
  created_by as "createdBy", created_at as "createdAt"`;
const resultColumns = `id, round_id as "roundId", artefact, unit, lab_value::text as "labValue", lab_uncertainty::text as "labUncertainty",
  assigned_value::text as "assignedValue", assigned_uncertainty::text as "assignedUncertainty", sigma_pt::text as "sigmaPt", score::text as score,
  classification, finding_id as "findingId", corrective_action_id as "correctiveActionId", recorded_by as "recordedBy", recorded_at as "recordedAt"`;
const chartColumns = `id, item_code as "itemCode", name, check_standard as "checkStandard", quantity, unit, centre_line::text as "centreLine", sigma::text as sigma,
  created_by as "createdBy", created_at as "createdAt"`;
const pointColumns = `id, value::text as value, measured_at as "measuredAt", violations, finding_id as "findingId", recorded_by as "recordedBy", recorded_at as "recordedAt"`;

/** Proficiency rounds, results and control charts of one institution (row-level security). */
export class QualityControlRepository {
  constructor(private readonly em: EntityManager) {}

  async insertRound(tenantId: string, r: RoundRow): Promise<void> {
    await this.em.query(
      `insert into proficiency_round (id, tenant_id, scheme, provider, round_code, item_code, title, scoring, closes_on, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [r.id, tenantId, r.scheme, r.provider, r.roundCode, r.itemCode, r.title, r.scoring, r.closesOn, r.createdBy, r.createdAt],
    );
  }

  async round(id: string, lock = false): Promise<RoundRow | null> {
    const [row] = await this.em.query(`select ${roundColumns} from proficiency_round where id = $1 ${lock ? 'for update' : ''}`, [id]);
    return row ?? null;
  }

  async rounds(): Promise<RoundRow[]> {
    return this.em.query(`select ${roundColumns} from proficiency_round order by created_at desc limit 500`);
  }

  async insertResult(tenantId: string, r: ResultRow): Promise<void> {
    await this.em.query(
      `insert into proficiency_result (id, tenant_id, round_id, artefact, unit, lab_value, lab_uncertainty, assigned_value, assigned_uncertainty, sigma_pt,
                                       score, classification, finding_id, corrective_action_id, recorded_by, recorded_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [r.id, tenantId, r.roundId, r.artefact, r.unit, r.labValue, r.labUncertainty, r.assignedValue, r.assignedUncertainty, r.sigmaPt, r.score,
        r.classification, r.findingId, r.correctiveActionId, r.recordedBy, r.recordedAt],
    );
  }

  async results(roundIds: string[]): Promise<ResultRow[]> {
    return this.em.query(`select ${resultColumns} from proficiency_result where round_id = any($1::uuid[]) order by recorded_at`, [roundIds]);
  }

  async insertChart(tenantId: string, c: ChartRow): Promise<void> {
    await this.em.query(
      `insert into control_chart (id, tenant_id, item_code, name, check_standard, quantity, unit, centre_line, sigma, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [c.id, tenantId, c.itemCode, c.name, c.checkStandard, c.quantity, c.unit, c.centreLine, c.sigma, c.createdBy, c.createdAt],
    );
  }

  async chart(id: string, lock = false): Promise<ChartRow | null> {
    const [row] = await this.em.query(`select ${chartColumns} from control_chart where id = $1 ${lock ? 'for update' : ''}`, [id]);
    return row ?? null;
  }

  async charts(): Promise<ChartRow[]> {
    return this.em.query(`select ${chartColumns} from control_chart order by item_code, name`);
  }

  /** The newest points, oldest first (the rules look back at most eight points). */
  async recentPoints(chartId: string, count: number): Promise<PointRow[]> {
    const rows: PointRow[] = await this.em.query(`select ${pointColumns} from control_point where chart_id = $1 order by seq desc limit $2`, [chartId, count]);
    return rows.reverse();
  }

  async points(chartId: string): Promise<PointRow[]> {
    return this.em.query(`select ${pointColumns} from control_point where chart_id = $1 order by seq`, [chartId]);
  }

  async insertPoint(tenantId: string, chartId: string, p: PointRow): Promise<void> {
    await this.em.query(
      `insert into control_point (id, tenant_id, chart_id, value, measured_at, violations, finding_id, recorded_by, recorded_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [p.id, tenantId, chartId, p.value, p.measuredAt, p.violations, p.findingId, p.recordedBy, p.recordedAt],
    );
  }
}
