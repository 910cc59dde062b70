import { PayloadOf } from '@calchain/contracts';
import { CalculatedResult, StoredBudget } from './calculation';
import { EnvironmentEvaluation } from './environment';
import { RecordState } from './record-state';

type Approved = PayloadOf<'records.record.approved'>;

const dofOut = (dof: string): number | 'inf' => (dof === 'inf' ? 'inf' : Number(dof));

/**
 * records.record.approved v1: everything a certificate needs, taken from the approved version of
 * the record alone; persons as ids, the customer as an id, no other personal data.
 */
export function approvedEvent(
  s: RecordState,
  environment: EnvironmentEvaluation,
  measurementDate: string,
): Approved {
  const created = s.created!;
  const opening = s.opening!;
  const approval = s.approval!;
  const calc = s.calculation as { results: CalculatedResult[]; budgets: StoredBudget[] };
  const measuredFrom = s.firstMeasuredAt!;
  const measuredTo = s.lastMeasuredAt!;
  return {
    recordId: s.recordId,
    recordNumber: created.recordNumber,
    recordVersion: approval.version,
    workOrderId: created.workOrderId,
    itemId: created.itemId,
    orderNumber: created.orderNumber,
    customerId: created.customerId,
    itemDescription: created.description,
    serialNumber: created.serialNumber,
    itemCode: s.dispatch?.itemCode ?? null,
    serviceKind: created.serviceKind,
    placeOfWork: opening.placeOfWork,
    method: { methodId: opening.method.methodId, code: opening.method.code, version: opening.method.version, title: opening.method.title },
    measurementStandards: opening.standards.map((st) => ({
      standardId: st.standardId, code: st.code, name: st.name, validUntil: st.validUntil,
      certificates: st.certificates.map((c) => ({ kind: c.kind, number: c.number, validUntil: c.validUntil })),
    })),
    equipment: opening.equipment.map((e) => ({
      equipmentId: e.equipmentId, assetNumber: e.assetNumber, name: e.name, kind: e.kind, lastCalibratedOn: e.lastCalibratedOn, dueDate: e.dueDate,
    })),
    environment: {
      source: environment.source,
      roomId: opening.room?.roomId ?? null,
      roomCode: opening.room?.roomCode ?? null,
      conditions: environment.checks.map((c) => ({ quantity: c.quantity, value: c.reportedValue, unit: c.unit, lower: c.lower, upper: c.upper, withinLimits: c.withinLimits })),
      withinLimits: environment.withinLimits,
      onSiteConsent: environment.consented && opening.onSiteClearance
        ? {
            impactAssessmentId: opening.onSiteClearance.impactAssessmentId,
            technicalManagerConsentBy: opening.onSiteClearance.technicalManagerConsentBy,
            customerConsentId: opening.onSiteClearance.customerConsentId,
          }
        : null,
    },
    measuredFrom,
    measuredTo,
    measurementDate,
    results: calc.results.map((r) => ({
      resultId: r.resultId, quantity: r.quantity, point: r.point, nominal: r.nominal, measuredValue: r.measuredValue, referenceValue: r.referenceValue,
      error: r.error, correction: r.correction, unit: r.unit, expandedUncertainty: r.expandedUncertainty, uncertaintyUnit: r.uncertaintyUnit,
      coverageFactor: r.coverageFactor, coverageProbability: r.coverageProbability, adjustment: r.adjustment, limit: r.limit,
    })),
    budgets: calc.budgets.map((b) => ({
      resultId: b.resultId,
      evaluation: b.evaluation,
      model: b.model,
      estimate: b.y,
      combinedStandardUncertainty: b.uc,
      effectiveDof: dofOut(b.gum.dofEff),
      coverageFactor: b.k,
      coverageProbability: b.p,
      expandedUncertainty: b.U,
      components: b.gum.budget.map((c) => ({
        name: c.name, estimate: c.estimate, standardUncertainty: c.u, distribution: c.dist, sensitivityCoefficient: c.c, contribution: c.contribution, dof: dofOut(c.dof),
      })),
      budgetHash: calc.results.find((r) => r.resultId === b.resultId)!.budgetHash,
    })),
    adjustmentConsentId: opening.adjustmentConsentId,
    remeasurementOf: created.remeasurementOf,
    calibratorPersonId: opening.calibrator,
    checkerPersonId: approval.checker,
    approvedAt: approval.at,
    chain: { sequence: approval.seq, entryHash: approval.entryHash, algorithm: 'sha256' },
  };
}
