import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PayloadOf } from '@calchain/contracts';
import { Caller, Outbox, ProblemException, LabCalendar } from '@calchain/platform';
import { ImprovementRepository } from '../../improvement/infrastructure/improvement.repository';
import { UnitOfWork } from '../../shared/application/unit-of-work';
import { nextNumber, rememberInstitution } from '../../shared/infrastructure/numbering';
import { assign, close, linkResult, RemeasurementOutcome } from '../domain/remeasurement';
import { RemeasurementRepository, RemeasurementRow } from '../infrastructure/remeasurement.repository';

const SYSTEM_ACTOR = 'system:records-events';

/**
 * Re-measurement (R-8.2): requests opened from records' suspicious-data detections, assigned,
 * linked to the approved re-measurement record (records.record.approved with `remeasurementOf`)
 * and closed with an outcome. Each request is an entry of the improvement register (R-9.2);
 * opening and closing are published so certificates can hold the affected work.
 */
@Injectable()
export class RemeasurementService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly time: LabCalendar,
  ) {}

  /** In the inbox transaction of records.suspicious-data.detected; a repeated detection opens nothing twice. */
  async openFromDetectionIn(em: EntityManager, tenant: string, d: PayloadOf<'records.suspicious-data.detected'>): Promise<RemeasurementRow | null> {
    await rememberInstitution(em, tenant);
    const repository = new RemeasurementRepository(em);
    const existing = await repository.byDetection(d.detectionId);
    if (existing) return existing;
    const now = this.time.now();
    const checks = [...new Set(d.findings.map((f) => f.check))].join(', ');
    if (!d.remeasurementRequested) {
      // Recorded for the register, but records did not ask for a re-measurement.
      await new ImprovementRepository(em).insertImprovement(tenant, {
        id: randomUUID(), source: 'remeasurement', sourceRef: d.detectionId, requirement: 'R-8.2', findingId: null, correctiveActionId: null,
        summary: `Suspicious data in record ${d.recordNumber} v${d.recordVersion} (${checks}); no re-measurement requested`.slice(0, 300),
        createdBy: SYSTEM_ACTOR, createdAt: now,
      });
      return null;
    }
    const row: RemeasurementRow = {
      id: randomUUID(),
      number: await nextNumber(em, tenant, 'RM', now.getUTCFullYear()),
      detectionId: d.detectionId,
      recordId: d.recordId,
      recordNumber: d.recordNumber,
      recordVersion: d.recordVersion,
      workOrderId: d.workOrderId,
      itemId: d.itemId,
      orderNumber: d.orderNumber,
      itemCode: d.itemCode,
      methodCode: d.methodCode,
      methodVersion: d.methodVersion,
      checks: d.findings.map((f) => ({
        check: f.check, subject: f.subject, point: f.point, values: f.values, statistic: f.statistic, critical: f.critical, significance: f.significance, detail: f.detail,
      })),
      status: 'open',
      assignee: null, dueOn: null, assignedBy: null, assignedAt: null,
      resultRecordId: null, resultRecordNumber: null, resultRecordVersion: null, resultApprovedAt: null,
      outcome: null, closureNote: null, closedBy: null, closedAt: null,
      openedAt: now,
    };
    await repository.insert(tenant, row);
    await new ImprovementRepository(em).insertImprovement(tenant, {
      id: randomUUID(), source: 'remeasurement', sourceRef: row.id, requirement: 'R-8.2', findingId: null, correctiveActionId: null,
      summary: `${row.number}: suspicious data in record ${d.recordNumber} v${d.recordVersion} (${checks}); re-measurement requested`.slice(0, 300),
      createdBy: SYSTEM_ACTOR, createdAt: now,
    });
    await this.outbox.add(em, {
      type: 'quality.remeasurement.opened',
      tenant,
      aggregateId: row.id,
      payload: {
        remeasurementId: row.id, number: row.number, detectionId: row.detectionId, recordId: row.recordId, recordNumber: row.recordNumber,
        workOrderId: row.workOrderId, itemId: row.itemId, itemCode: row.itemCode, requirement: 'R-8.2', openedAt: now.toISOString(),
      },
    });
    return row;
  }

  /** In the inbox transaction of records.record.approved: a re-measurement record links to the request(s) of the record it re-measures. */
  async linkApprovedRecordIn(em: EntityManager, r: PayloadOf<'records.record.approved'>): Promise<number> {
    if (!r.remeasurementOf) return 0;
    const repository = new RemeasurementRepository(em);
    let linked = 0;
    for (const request of await repository.unclosedForRecord(r.remeasurementOf)) {
      if (linkResult(request) === null) continue;
      await repository.linkResult(request.id, { recordId: r.recordId, recordNumber: r.recordNumber, recordVersion: r.recordVersion, approvedAt: r.approvedAt });
      await repository.setRegisterStatus(request.id, 'in-progress');
      linked += 1;
    }
    return linked;
  }

  assign(caller: Caller, id: string, input: { assignee: string; dueOn: string | null }) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new RemeasurementRepository(em);
      const request = await this.locked(repository, id);
      assign(request, input.assignee, input.dueOn, this.time.today());
      await repository.assign(id, input.assignee, input.dueOn, caller.subject, this.time.now());
      await repository.setRegisterStatus(id, 'in-progress');
      return repository.byId(id);
    });
  }

  close(caller: Caller, id: string, input: { outcome: RemeasurementOutcome; note: string }) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new RemeasurementRepository(em);
      const request = await this.locked(repository, id);
      close(request);
      const now = this.time.now();
      await repository.close(id, input.outcome, input.note, caller.subject, now);
      await repository.setRegisterStatus(id, 'closed');
      await this.outbox.add(em, {
        type: 'quality.remeasurement.closed',
        tenant: caller.tenant,
        aggregateId: id,
        payload: {
          remeasurementId: id, number: request.number, recordId: request.recordId, workOrderId: request.workOrderId, itemId: request.itemId,
          resultRecordId: request.resultRecordId!, outcome: input.outcome, closedAt: now.toISOString(),
        },
      });
      return repository.byId(id);
    });
  }

  list(caller: Caller, filter: { status?: string; recordId?: string; workOrderId?: string }) {
    return this.uow.read(caller.tenant, (em) => new RemeasurementRepository(em).list(filter));
  }

  get(caller: Caller, id: string) {
    return this.uow.read(caller.tenant, async (em) => {
      const request = await new RemeasurementRepository(em).byId(id);
      if (!request) throw ProblemException.notFound('Re-measurement request', id);
      return request;
    });
  }

  private async locked(repository: RemeasurementRepository, id: string): Promise<RemeasurementRow> {
    const request = await repository.byId(id, true);
    if (!request) throw ProblemException.notFound('Re-measurement request', id);
    return request;
  }
}
