import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Caller, ProblemException, LabCalendar } from '@calchain/platform';
import { ImprovementService } from '../../improvement/application/improvement-service';
import { FindingSource } from '../../improvement/domain/finding';
import { UnitOfWork } from '../../shared/application/unit-of-work';
import { addDays } from '@calchain/platform/calendar';
import { violation } from '../../shared/domain/rule-violation';
import { rememberInstitution } from '../../shared/infrastructure/numbering';
import { consequenceOf, evaluateResult, ResultInput, Scheme } from '../domain/proficiency';
import { ChartLimits, establishLimits, rulesViolatedByLast, WesternElectricRules } from '../domain/western-electric';
import { ChartRow, PointRow, QualityControlRepository, ResultRow, RoundRow } from '../infrastructure/quality-control.repository';

const schemeSource: Record<Scheme, FindingSource> = {
  'proficiency-test': 'proficiency-test',
  'interlaboratory-comparison': 'interlaboratory-comparison',
  'internal-comparison': 'internal-comparison',
};

/** Days a corrective action for an unsatisfactory PT result is given by default. */
const PT_ACTION_DAYS = 30;

/**
 * Quality control of results and participation in proficiency testing and comparisons
 * . An unsatisfactory score opens a finding and a corrective action in the same
 * transaction; a questionable one enters the improvement register; a chart rule
 * raises one finding per chart and rule while it is open.
 */
@Injectable()
export class QualityControlService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly time: LabCalendar,
    private readonly improvement: ImprovementService,
  ) {}

  createRound(caller: Caller, input: Omit<RoundRow, 'id' | 'createdBy' | 'createdAt'>) {
    return this.uow.run(caller.tenant, async (em) => {
      const round: RoundRow = { id: randomUUID(), ...input, createdBy: caller.subject, createdAt: this.time.now() };
      await new QualityControlRepository(em).insertRound(caller.tenant, round);
      await rememberInstitution(em, caller.tenant);
      return { ...round, results: [] };
    });
  }

  recordResult(caller: Caller, roundId: string, input: ResultInput & { artefact: string; unit: string }) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new QualityControlRepository(em);
      const round = await repository.round(roundId, true);
      if (!round) throw ProblemException.notFound('Proficiency round', roundId);
      const evaluation = evaluateResult(round.scoring, input);
      const consequence = consequenceOf(evaluation.classification);
      let findingId: string | null = null;
      let correctiveActionId: string | null = null;
      const resultId = randomUUID();
      const label = `${round.provider} ${round.roundCode} (${round.itemCode}), ${input.artefact}: ${round.scoring} = ${evaluation.score}`;
      if (consequence === 'corrective-action') {
        const raised = await this.improvement.raiseFindingIn(em, caller.tenant, {
          source: schemeSource[round.scheme], sourceRef: resultId, severity: 'major', requirement: 'R-5.5.2',
          title: `Unsatisfactory ${round.scheme} result: ${label}`, description: null, itemCode: round.itemCode,
        }, caller.subject, { openCorrectiveAction: { dueOn: addDays(this.time.today(), PT_ACTION_DAYS) } });
        findingId = raised.finding.id;
        correctiveActionId = raised.correctiveAction!.id;
      } else if (consequence === 'warning') {
        await this.improvement.addRegisterEntryIn(em, caller.tenant, {
          source: schemeSource[round.scheme], sourceRef: resultId, summary: `Questionable result (warning signal): ${label}`, requirement: 'R-5.5.2',
        }, caller.subject);
      }
      const result: ResultRow = {
        id: resultId, roundId, artefact: input.artefact, unit: input.unit, labValue: input.labValue, labUncertainty: input.labUncertainty,
        assignedValue: input.assignedValue, assignedUncertainty: input.assignedUncertainty, sigmaPt: input.sigmaPt, ...evaluation,
        findingId, correctiveActionId, recordedBy: caller.subject, recordedAt: this.time.now(),
      };
      await repository.insertResult(caller.tenant, result);
      return { ...result, consequence };
    });
  }

  rounds(caller: Caller) {
    return this.uow.read(caller.tenant, async (em) => {
      const repository = new QualityControlRepository(em);
      const rounds = await repository.rounds();
      const results = await repository.results(rounds.map((r) => r.id));
      return rounds.map((r) => ({ ...r, results: results.filter((x) => x.roundId === r.id) }));
    });
  }

  round(caller: Caller, id: string) {
    return this.uow.read(caller.tenant, async (em) => {
      const repository = new QualityControlRepository(em);
      const round = await repository.round(id);
      if (!round) throw ProblemException.notFound('Proficiency round', id);
      return { ...round, results: await repository.results([id]) };
    });
  }

  createChart(caller: Caller, input: Omit<ChartRow, 'id' | 'centreLine' | 'sigma' | 'createdBy' | 'createdAt'> & { limits: ChartLimits | null; baseline: string[] | null }) {
    return this.uow.run(caller.tenant, async (em) => {
      const { limits, baseline, ...rest } = input;
      const established = limits ?? (baseline ? establishLimits(baseline) : violation('R-5.5.1', 'baseline', 'limits-required', 'Give centreLine and sigma, or a baseline of at least 20 results.'));
      const chart: ChartRow = { id: randomUUID(), ...rest, centreLine: established.centre, sigma: established.sigma, createdBy: caller.subject, createdAt: this.time.now() };
      await new QualityControlRepository(em).insertChart(caller.tenant, chart);
      await rememberInstitution(em, caller.tenant);
      return { ...chart, points: [] };
    });
  }

  /** records a check-standard result and judges it against the Western Electric rules. */
  recordPoint(caller: Caller, chartId: string, input: { value: string; measuredAt: Date | null }) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new QualityControlRepository(em);
      const chart = await repository.chart(chartId, true);
      if (!chart) throw ProblemException.notFound('Control chart', chartId);
      const now = this.time.now();
      const measuredAt = input.measuredAt ?? now;
      if (measuredAt.getTime() > now.getTime() + 60_000) violation('R-5.5.1', 'measuredAt', 'not-in-future', 'A result cannot be measured in the future.');
      const recent = await repository.recentPoints(chartId, 7);
      const violations = rulesViolatedByLast([...recent.map((p) => p.value), input.value], { centre: chart.centreLine, sigma: chart.sigma });
      let findingId: string | null = null;
      for (const rule of violations) {
        const { finding } = await this.improvement.raiseFindingIn(em, caller.tenant, {
          source: 'control-chart', sourceRef: chartId, severity: rule === 'WE1' ? 'major' : 'minor', requirement: 'R-5.5.1',
          title: `Control chart "${chart.name}" (${chart.itemCode}) out of control: ${rule}, ${WesternElectricRules[rule]}`,
          description: null, itemCode: chart.itemCode, dedupeKey: `chart:${chartId}:${rule}`,
        }, caller.subject);
        findingId ??= finding.id;
      }
      const point: PointRow = { id: randomUUID(), value: input.value, measuredAt, violations, findingId, recordedBy: caller.subject, recordedAt: now };
      await repository.insertPoint(caller.tenant, chartId, point);
      return { ...point, inControl: violations.length === 0, rules: violations.map((r) => ({ rule: r, meaning: WesternElectricRules[r] })) };
    });
  }

  charts(caller: Caller) {
    return this.uow.read(caller.tenant, (em) => new QualityControlRepository(em).charts());
  }

  chart(caller: Caller, id: string) {
    return this.uow.read(caller.tenant, async (em) => {
      const repository = new QualityControlRepository(em);
      const chart = await repository.chart(id);
      if (!chart) throw ProblemException.notFound('Control chart', id);
      return { ...chart, points: await repository.points(id) };
    });
  }
}

