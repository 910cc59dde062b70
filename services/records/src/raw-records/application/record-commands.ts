import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, Outbox, ProblemException, LabCalendar, TenantTransactions } from '@calchain/platform';
import { Journal, Journals } from '../../chain/application/journal';
import { ReferenceRepository } from '../../reference/infrastructure/reference.repository';
import { RECORDS_SETTINGS, RecordsSettings } from '../../shared/records-config';
import { approvedEvent } from '../domain/approval';
import { checkBmc } from '../domain/bmc';
import { calculate, CalculatedResult, CalculationError, CalculationSpec, StoredBudget } from '../domain/calculation';
import { isViolation, stampObservation } from '../domain/capture';
import { evaluateEnvironment, EnvironmentEvaluation } from '../domain/environment';
import { authorisationProblem, equipmentProblems, methodProblems, onSiteProblem, standardProblems } from '../domain/opening';
import {
  Adjustment, ApprovedPayload, ConditionPayload, CorrectionPayload, JournalEntry, OpenedPayload, ReadingPayload, RecordState, RecordStatus,
  RemeasurementPayload, SubmittedPayload, conditionsOf, fold, readingsOf, requirementForStatus,
} from '../domain/record-state';
import { deletionProblem, retainUntil, retentionClassOf } from '../domain/retention';
import { Violation, violation } from '../domain/rules';
import { findSuspiciousData, PreviousResult } from '../domain/suspicious';
import { appendAndProject, createRecord, findRecordRow, journalOf, nextRecordNumber, RecordRow } from '../infrastructure/record-store';
import { refuse, refuseIfAny } from './refuse';

interface Context {
  em: EntityManager;
  journal: Journal;
  row: RecordRow;
  entries: JournalEntry[];
  state: RecordState;
  refs: ReferenceRepository;
  now: Date;
  today: string;
}

export interface OpenInput {
  standardIds: string[];
  equipmentIds: string[];
  roomId?: string | null;
  roomCode?: string | null;
}

export interface ReadingInput {
  symbol: string;
  point: string;
  nominal?: string | null;
  adjustment?: Adjustment;
  value: string;
  unit?: string;
  claimedAt?: string | null;
  lateReason?: string | null;
}

export interface ConditionInput {
  quantity: string;
  value: string;
  unit: string;
  claimedAt?: string | null;
  lateReason?: string | null;
}

const CAPTURING: RecordStatus[] = ['open', 'returned'];

/**
 * The use cases of a raw record (issue 6): open, capture, correct, calculate, submit, review,
 * approve, re-measure. Each is one tenant transaction that first locks the institution's chain,
 * checks every rule server-side against the journal and the local read models, and appends one or
 * more journal entries; nothing is updated in place.
 */
@Injectable()
export class RecordCommands {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly journals: Journals,
    private readonly outbox: Outbox,
    private readonly calendar: LabCalendar,
    @Inject(RECORDS_SETTINGS) private readonly settings: RecordsSettings,
  ) {}

  private write<T>(caller: Caller, recordId: string, work: (c: Context) => Promise<T>): Promise<T> {
    return this.tx.run(caller.tenant, async (em) => {
      const journal = await this.journals.open(em, caller.tenant);
      const row = await findRecordRow(em, recordId, true);
      if (!row) throw ProblemException.notFound('Raw record', recordId);
      const entries = await journalOf(em, recordId);
      const now = this.calendar.now();
      const result = await work({ em, journal, row, entries, state: fold(recordId, entries), refs: new ReferenceRepository(em), now, today: this.calendar.today() });
      await journal.finish(now);
      return result;
    });
  }

  private requireStatus(s: RecordState, allowed: RecordStatus[], action: string): void {
    if (allowed.includes(s.status)) return;
    const requirement = requirementForStatus(s.status);
    const why = s.status === 'pending' ? 'its work order has not been dispatched to a section yet'
      : s.status === 'suspicious' ? 'it holds suspicious data and waits for re-measurement' : `it is ${s.status}`;
    throw refuse([violation(requirement, 'status', `status-${allowed.join('-or-')}`, `the record cannot be ${action}: ${why}`)]);
  }

  /** the caller holds the role's authorisation for the record's item on the lab's today. */
  private async authorised(c: Context, caller: Caller, role: 'calibrator' | 'checker') {
    const itemCode = c.state.dispatch?.itemCode;
    if (!itemCode) throw refuse([violation('R-7.1.1', 'status', 'dispatched', 'the record has no item code: its work order was not dispatched')]);
    const found = authorisationProblem(await c.refs.authorisations(caller.subject, itemCode), caller.subject, itemCode, role, c.today);
    if ('problem' in found) throw refuse([found.problem]);
    return found.authorisation;
  }

  // ---------------------------------------------------------------- (1) opening

  open(caller: Caller, recordId: string, input: OpenInput) {
    return this.write(caller, recordId, async (c) => {
      this.requireStatus(c.state, ['dispatched'], 'opened');
      const d = c.state.dispatch!;
      const created = c.state.created!;
      const problems: Violation[] = [];
      const method = await c.refs.method(d.methodCode, d.methodVersion);
      problems.push(...methodProblems(method, d.methodCode, d.methodVersion, c.today));
      const auth = authorisationProblem(await c.refs.authorisations(caller.subject, d.itemCode), caller.subject, d.itemCode, 'calibrator', c.today);
      if ('problem' in auth) problems.push(auth.problem);
      if (input.standardIds.length === 0) problems.push(violation('R-6.3.2', 'standardIds', 'standards-cited', 'a record cites the measurement standards it uses'));
      const standards = await c.refs.standards(input.standardIds);
      problems.push(...standardProblems(input.standardIds, standards, c.today, d.methodCode, created.serviceKind));
      const equipment = await c.refs.equipment(input.equipmentIds);
      problems.push(...equipmentProblems(input.equipmentIds, equipment, c.today));
      const place = d.place;
      let clearance = null;
      if (place === 'lab' && (!input.roomId || !input.roomCode)) {
        problems.push(violation('R-5.4.1', 'roomId', 'room-given', 'work in the lab names the room it is done in'));
      }
      if (place === 'on-site') {
        clearance = (await c.refs.onSiteClearance(created.itemId)) ?? null;
        const p = onSiteProblem(clearance ?? undefined, created.itemId);
        if (p) problems.push(p);
      }
      refuseIfAny(problems);
      const consent = await c.refs.adjustmentConsent(created.itemId);
      const payload: OpenedPayload = {
        calibrator: caller.subject,
        authorisationId: (auth as { authorisation: { authorisationId: string } }).authorisation.authorisationId,
        openedOn: c.today,
        method: {
          methodId: method!.methodId, code: method!.code, version: method!.version, title: method!.title, status: method!.status,
          environmentalLimits: method!.environmentalLimits, readings: method!.readings, measurementModel: method!.measurementModel,
        },
        standards: input.standardIds.map((id) => {
          const s = standards.get(id)!;
          return { standardId: s.standardId, code: s.code, name: s.name, validUntil: s.validUntil, certificates: s.certificates };
        }),
        equipment: input.equipmentIds.map((id) => {
          const e = equipment.get(id)!;
          return { equipmentId: e.equipmentId, assetNumber: e.assetNumber, name: e.name, kind: e.kind, status: e.status, lastCalibratedOn: e.lastCalibratedOn, dueDate: e.dueDate };
        }),
        room: input.roomId && input.roomCode ? { roomId: input.roomId, roomCode: input.roomCode } : null,
        placeOfWork: place,
        onSiteClearance: clearance
          ? {
              jobId: clearance.jobId, conditionsMeetMethod: clearance.conditionsMeetMethod, impactAssessmentId: clearance.impactAssessmentId,
              technicalManagerConsentBy: clearance.technicalManagerConsentBy, customerConsentId: clearance.customerConsentId, clearedAt: clearance.clearedAt,
            }
          : null,
        adjustmentConsentId: consent?.consentId ?? null,
      };
      return (await appendAndProject(c.journal, recordId, c.entries, 'opened', payload, caller.subject, c.now)).state;
    });
  }

  // ---------------------------------------------------------------- (2) capture at the time

  captureReadings(caller: Caller, recordId: string, readings: ReadingInput[]) {
    return this.write(caller, recordId, async (c) => {
      this.requireStatus(c.state, CAPTURING, 'written to');
      const auth = await this.authorised(c, caller, 'calibrator');
      const method = c.state.opening!.method;
      const problems: Violation[] = [];
      const counts = new Map<string, number>();
      for (const o of readingsOf(c.state)) counts.set(`${o.symbol}\u0000${o.point}\u0000${o.adjustment}`, (counts.get(`${o.symbol}\u0000${o.point}\u0000${o.adjustment}`) ?? 0) + 1);
      const consent = readings.some((r) => r.adjustment === 'after-adjustment') ? await c.refs.adjustmentConsent(c.state.created!.itemId) : undefined;
      const payloads: ReadingPayload[] = [];
      readings.forEach((r, i) => {
        const field = `readings.${i}`;
        const def = method.readings.find((m) => m.symbol === r.symbol);
        if (!def) {
          problems.push(violation('R-6.3.2', `${field}.symbol`, 'method-reading', `method ${method.code} ${method.version} has no reading ${r.symbol} (it has ${method.readings.map((m) => m.symbol).join(', ')})`));
          return;
        }
        if (r.unit !== undefined && r.unit !== def.unit) problems.push(violation('R-6.3.2', `${field}.unit`, 'method-unit', `${r.symbol} is read in ${def.unit}, not ${r.unit}`));
        const adjustment = r.adjustment ?? 'not-adjusted';
        if (adjustment === 'after-adjustment' && !consent) {
          problems.push(violation('R-6.2.3', `${field}.adjustment`, 'adjustment-consented', 'the item may be adjusted only with the customer\'s consent, and none is recorded'));
        }
        const key = `${r.symbol}\u0000${r.point}\u0000${adjustment}`;
        const repeat = (counts.get(key) ?? 0) + 1;
        counts.set(key, repeat);
        if (repeat > def.repetitions) {
          problems.push(violation('R-6.3.2', field, 'method-repetitions', `the method takes ${def.repetitions} reading(s) of ${r.symbol} at ${r.point}; correct a wrong one instead of adding more`));
        }
        const stamp = stampObservation(r, c.now, this.settings.RECORDS_LATE_TOLERANCE_SECONDS, this.settings.RECORDS_LATE_POLICY, field);
        if (isViolation(stamp)) {
          problems.push(stamp);
          return;
        }
        payloads.push({
          observationId: randomUUID(), symbol: r.symbol, point: r.point, nominal: r.nominal ?? null, adjustment, repeat, value: r.value, unit: def.unit,
          ...stamp, authorisationId: auth.authorisationId,
        });
      });
      refuseIfAny(problems);
      let result = { state: c.state, entries: c.entries };
      for (const p of payloads) result = await appendAndProject(c.journal, recordId, result.entries, 'reading', p, caller.subject, c.now);
      return { accepted: payloads.map((p) => ({ observationId: p.observationId, symbol: p.symbol, point: p.point, repeat: p.repeat, receivedAt: p.receivedAt, late: p.late })), version: result.state.version };
    });
  }

  captureConditions(caller: Caller, recordId: string, conditions: ConditionInput[]) {
    return this.write(caller, recordId, async (c) => {
      this.requireStatus(c.state, CAPTURING, 'written to');
      await this.authorised(c, caller, 'calibrator');
      const limits = c.state.opening!.method.environmentalLimits;
      const problems: Violation[] = [];
      const payloads: ConditionPayload[] = [];
      conditions.forEach((x, i) => {
        const field = `conditions.${i}`;
        const limit = limits.find((l) => l.quantity === x.quantity);
        if (limit && limit.unit !== x.unit) problems.push(violation('R-5.4.1', `${field}.unit`, 'method-unit', `the method limits ${x.quantity} in ${limit.unit}, not ${x.unit}`));
        const stamp = stampObservation(x, c.now, this.settings.RECORDS_LATE_TOLERANCE_SECONDS, this.settings.RECORDS_LATE_POLICY, field);
        if (isViolation(stamp)) {
          problems.push(stamp);
          return;
        }
        payloads.push({ observationId: randomUUID(), quantity: x.quantity, value: x.value, unit: x.unit, ...stamp });
      });
      refuseIfAny(problems);
      let result = { state: c.state, entries: c.entries };
      for (const p of payloads) result = await appendAndProject(c.journal, recordId, result.entries, 'condition', p, caller.subject, c.now);
      return { accepted: payloads.map((p) => ({ observationId: p.observationId, quantity: p.quantity, receivedAt: p.receivedAt, late: p.late })), version: result.state.version };
    });
  }

  // ---------------------------------------------------------------- (3) corrections keep the original

  correct(caller: Caller, recordId: string, observationId: string, input: { value: string; reason: string }) {
    return this.write(caller, recordId, async (c) => {
      this.requireStatus(c.state, CAPTURING, 'corrected');
      const auth = await this.authorised(c, caller, 'calibrator');
      const observation = c.state.observations.find((o) => o.observationId === observationId);
      if (!observation) throw ProblemException.notFound('Observation', observationId);
      if (observation.value === input.value) {
        throw refuse([violation('R-6.3.4', 'value', 'changes-value', `the value is already ${input.value}`)]);
      }
      const payload: CorrectionPayload = { observationId, previousValue: observation.value, value: input.value, reason: input.reason.trim(), authorisationId: auth.authorisationId };
      const { state } = await appendAndProject(c.journal, recordId, c.entries, 'correction', payload, caller.subject, c.now);
      return state.observations.find((o) => o.observationId === observationId)!;
    });
  }

  // ---------------------------------------------------------------- (5) results with uncertainty

  calculate(caller: Caller, recordId: string, spec: CalculationSpec) {
    return this.write(caller, recordId, async (c) => {
      this.requireStatus(c.state, CAPTURING, 'calculated');
      await this.authorised(c, caller, 'calibrator');
      const opening = c.state.opening!;
      const model = opening.method.measurementModel!;
      const unknown = [...Object.keys(spec.inputs ?? {}), ...Object.values(spec.points ?? {}).flatMap((p) => Object.keys(p.inputs ?? {}))]
        .filter((name) => !model.inputs.includes(name));
      const symbols = opening.method.readings.map((r) => r.symbol);
      const problems = [...new Set(unknown)].map((name) => violation('R-6.3.2', `inputs.${name}`, 'model-input', `${name} is not an input of the model ${model.output} = ${model.expression}`));
      for (const [field, symbol] of [['indicationSymbol', spec.indicationSymbol], ['referenceSymbol', spec.referenceSymbol]] as const) {
        if (symbol && !symbols.includes(symbol) && !model.inputs.includes(symbol)) problems.push(violation('R-6.3.2', field, 'method-reading', `${symbol} is neither a reading nor a model input`));
      }
      if (spec.outputKind === 'error' && !spec.indicationSymbol) problems.push(violation('R-6.3.2', 'indicationSymbol', 'required', 'an error of indication needs the reading that gives the indication'));
      refuseIfAny(problems);
      let evaluated: { results: CalculatedResult[]; budgets: StoredBudget[] };
      try {
        evaluated = calculate(opening.method, readingsOf(c.state), spec);
      } catch (error) {
        if (error instanceof CalculationError) throw refuse(error.violations);
        throw error;
      }
      const standards = [...(await c.refs.standards(opening.standards.map((s) => s.standardId))).values()];
      const bmc = checkBmc(evaluated.results, standards, opening.method.code, c.state.created!.serviceKind);
      const payload = { basisVersion: c.state.version, spec, results: evaluated.results, budgets: evaluated.budgets, bmc };
      const { state } = await appendAndProject(c.journal, recordId, c.entries, 'calculated', payload, caller.subject, c.now);
      return { version: state.version, results: evaluated.results, bmc, budgets: evaluated.budgets };
    });
  }

  // ---------------------------------------------------------------- (6, 7, 8) submit, suspicious data, environment

  private async environmentOf(c: Context): Promise<EnvironmentEvaluation> {
    const opening = c.state.opening!;
    const from = c.state.firstMeasuredAt;
    const to = c.state.lastMeasuredAt ?? from;
    const excursions = opening.room && from && to ? await c.refs.excursions(opening.room.roomId, from, to) : [];
    return evaluateEnvironment({
      limits: opening.method.environmentalLimits, conditions: conditionsOf(c.state), excursions, measuredFrom: from, measuredTo: to,
      onSiteClearance: opening.onSiteClearance, placeOfWork: opening.placeOfWork,
    });
  }

  private calculationProblems(s: RecordState): Violation[] {
    if (!s.calculation) return [violation('R-6.3.2', 'calculation', 'calculated', 'the results have not been calculated')];
    if (s.calculation.basisVersion < s.contentVersion) {
      return [violation('R-6.3.2', 'calculation', 'calculation-current', `the results were calculated at version ${s.calculation.basisVersion}; measurements changed since (version ${s.contentVersion}): calculate again`)];
    }
    return [];
  }

  private environmentProblems(env: EnvironmentEvaluation, place: 'lab' | 'on-site'): Violation[] {
    if (!env.blocking) return [];
    return env.checks
      .filter((x) => !x.withinLimits)
      .map((x) => violation(place === 'on-site' ? 'R-5.4.4' : 'R-5.4.1', `environment.${x.quantity}`, 'method-limits-met', x.problem!));
  }

  submit(caller: Caller, recordId: string) {
    return this.write(caller, recordId, async (c) => {
      this.requireStatus(c.state, CAPTURING, 'submitted');
      await this.authorised(c, caller, 'calibrator');
      const environment = await this.environmentOf(c);
      refuseIfAny([...this.calculationProblems(c.state), ...this.environmentProblems(environment, c.state.opening!.placeOfWork)]);
      const created = c.state.created!;
      const calc = c.state.calculation as { results: CalculatedResult[]; spec: CalculationSpec; version: number };
      const previous: PreviousResult[] = created.serialNumber
        ? (await c.em.query(
            `select point, adjustment, measured_value as "measuredValue", unit, expanded_uncertainty as "expandedUncertainty",
                    uncertainty_unit as "uncertaintyUnit", record_id as "recordId", approved_at as "approvedAt"
               from approved_result where serial_number = $1 and description = $2 and method_code = $3 and record_id <> $4`,
            [created.serialNumber, created.description, c.state.opening!.method.code, recordId],
          )).map((r: PreviousResult & { approvedAt: Date }) => ({ ...r, approvedAt: new Date(r.approvedAt).toISOString() }))
        : [];
      const findings = findSuspiciousData({
        readings: readingsOf(c.state), results: calc.results, previous, checkStandards: calc.spec.checkStandards ?? [],
        settings: { alpha: Number(this.settings.RECORDS_OUTLIER_ALPHA), plausibleRelative: this.settings.RECORDS_PLAUSIBLE_RELATIVE, stepEnLimit: this.settings.RECORDS_STEP_EN_LIMIT },
      });
      const detectionId = findings.length ? randomUUID() : null;
      const payload: SubmittedPayload = {
        basisVersion: c.state.contentVersion, calculationVersion: calc.version, outcome: findings.length ? 'suspicious' : 'submitted', findings, detectionId, environment,
      };
      const { state, entry } = await appendAndProject(c.journal, recordId, c.entries, 'submitted', payload, caller.subject, c.now);
      if (detectionId) {
        // approval is blocked and quality is asked for a re-measurement.
        await this.outbox.add(c.em, {
          type: 'records.suspicious-data.detected',
          tenant: caller.tenant,
          aggregateId: recordId,
          payload: {
            detectionId, recordId, recordNumber: created.recordNumber, recordVersion: entry.recordVersion, workOrderId: created.workOrderId, itemId: created.itemId,
            orderNumber: created.orderNumber, itemCode: c.state.dispatch?.itemCode ?? null, methodCode: c.state.opening!.method.code,
            methodVersion: c.state.opening!.method.version, findings, requirement: 'R-8.2', remeasurementRequested: true,
            calibratorPersonId: c.state.opening!.calibrator, detectedAt: c.now.toISOString(),
          },
        });
      }
      return { status: state.status, version: state.version, findings, environment };
    });
  }

  returnForRework(caller: Caller, recordId: string, comments: string) {
    return this.write(caller, recordId, async (c) => {
      this.requireStatus(c.state, ['submitted'], 'returned');
      this.requireOtherPerson(c.state, caller);
      await this.authorised(c, caller, 'checker');
      const { state } = await appendAndProject(c.journal, recordId, c.entries, 'returned', { comments: comments.trim(), basisVersion: c.state.contentVersion }, caller.subject, c.now);
      return { status: state.status, version: state.version };
    });
  }

  private requireOtherPerson(s: RecordState, caller: Caller): void {
    const wrote = new Set([s.opening?.calibrator, ...s.observations.flatMap((o) => [o.capturedBy, ...o.corrections.map((x) => x.by)]), s.calculation?.by].filter(Boolean));
    if (wrote.has(caller.subject)) {
      throw refuse([violation('R-5.1.4', 'checker', 'checker-not-calibrator', 'a record is checked by an authorised person other than the one who measured, corrected or calculated it')]);
    }
  }

  approve(caller: Caller, recordId: string) {
    return this.write(caller, recordId, async (c) => {
      this.requireStatus(c.state, ['submitted'], 'approved');
      this.requireOtherPerson(c.state, caller);
      const auth = await this.authorised(c, caller, 'checker');
      const environment = await this.environmentOf(c);
      const calc = c.state.calculation as { results: CalculatedResult[]; bmc: { resultId: string; outcome: string; detail: string }[]; version: number } | null;
      const problems = [...this.calculationProblems(c.state), ...this.environmentProblems(environment, c.state.opening!.placeOfWork)];
      for (const b of calc?.bmc ?? []) {
        if (b.outcome !== 'ok') problems.push(violation('R-4.1.2', `results.${b.resultId}`, b.outcome === 'outside-scope' ? 'within-scope' : 'not-better-than-bmc', b.detail));
      }
      refuseIfAny(problems);
      const years = this.settings.RECORDS_RETENTION_YEARS;
      const payload: ApprovedPayload = {
        basisVersion: c.state.contentVersion, calculationVersion: calc!.version, checker: caller.subject, authorisationId: auth.authorisationId,
        retentionClass: retentionClassOf(years), retainUntil: retainUntil(c.today, years), environment,
      };
      const { state } = await appendAndProject(c.journal, recordId, c.entries, 'approved', payload, caller.subject, c.now);
      const created = state.created!;
      for (const r of calc!.results) {
        await c.em.query(
          `insert into approved_result (tenant_id, record_id, result_id, serial_number, description, method_code, quantity, point, adjustment, measured_value, unit,
                                        expanded_uncertainty, uncertainty_unit, approved_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
          [caller.tenant, recordId, r.resultId, created.serialNumber, created.description, state.opening!.method.code, r.quantity, r.point, r.adjustment, r.measuredValue,
            r.unit, r.expandedUncertainty, r.uncertaintyUnit, c.now],
        );
      }
      const event = approvedEvent(state, environment, this.calendar.dayOf(new Date(state.firstMeasuredAt!)));
      await this.outbox.add(c.em, { type: 'records.record.approved', tenant: caller.tenant, aggregateId: recordId, payload: event });
      return { status: state.status, version: state.version, retainUntil: payload.retainUntil, event };
    });
  }

  // ---------------------------------------------------------------- (7) re-measurement

  remeasure(caller: Caller, recordId: string, reason: string) {
    return this.write(caller, recordId, async (c) => {
      this.requireStatus(c.state, ['suspicious'], 're-measured');
      const newId = randomUUID();
      const created = c.state.created!;
      const years = this.settings.RECORDS_RETENTION_YEARS;
      const payload: RemeasurementPayload = {
        remeasurementRecordId: newId, detectionId: c.state.submission?.detectionId ?? null, reason: reason.trim(),
        retentionClass: retentionClassOf(years), retainUntil: retainUntil(c.today, years),
      };
      const { state } = await appendAndProject(c.journal, recordId, c.entries, 'remeasurement-opened', payload, caller.subject, c.now);
      const recordNumber = await nextRecordNumber(c.em, caller.tenant, c.now.getUTCFullYear());
      await createRecord(c.journal, newId, { ...created, recordNumber, sourceEventId: null, remeasurementOf: recordId, adopted: undefined }, caller.subject, c.now);
      await appendAndProject(c.journal, newId, await journalOf(c.em, newId), 'dispatched', c.state.dispatch, 'system:records', c.now);
      return { original: { id: recordId, status: state.status }, remeasurement: await findRecordRow(c.em, newId) };
    });
  }

  // ---------------------------------------------------------------- (9) retention

  delete(caller: Caller, recordId: string) {
    return this.write(caller, recordId, async (c) => {
      throw refuse([deletionProblem(c.state, c.row.retainUntil, c.today)]);
    });
  }
}
