import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Caller, ProblemException, LabCalendar, TenantTransactions } from '@calchain/platform';
import { confirmMetrologically } from '../domain/metrological-confirmation';
import { CalibrationRecord, EquipmentRepository } from '../infrastructure/equipment.repository';
import { RecordCalibrationInput } from '../api/ledger.dto';
import { EquipmentLedgerService, equipmentOr404, statusOn } from './equipment-ledger.service';
import { StatusPublisher } from './status-publisher';

/**
 * Recording a calibration and, right after it, the metrological confirmation:
 * the certificate's errors and uncertainties judged against the MPE the lab requires. A failed
 * confirmation suspends the equipment; a later passing one lifts that suspension.
 */
@Injectable()
export class CalibrationService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly calendar: LabCalendar,
    private readonly ledger: EquipmentLedgerService,
    private readonly status: StatusPublisher,
  ) {}

  async record(equipmentId: string, input: RecordCalibrationInput, caller: Caller) {
    const today = this.calendar.today();
    if (input.calibratedOn > today) throw ProblemException.ruleViolation('R-5.3.2', 'A calibration cannot be recorded before it was performed.', 'calibratedOn');
    if (input.validUntil && input.validUntil < input.calibratedOn) {
      throw ProblemException.ruleViolation('R-5.3.2', 'The certificate cannot expire before the calibration date.', 'validUntil');
    }
    return this.tx.run(caller.tenant, async (em) => {
      const repository = new EquipmentRepository(em);
      const equipment = await equipmentOr404(em, equipmentId, true);
      if (equipment.retiredOn) throw ProblemException.ruleViolation('R-7.1.2', 'Retired equipment is not calibrated any more.', 'id');

      // a result traces only through a reference that was itself fit for use that day.
      if (input.reference.kind === 'own-equipment') {
        if (input.reference.equipmentId === equipmentId) {
          throw ProblemException.ruleViolation('R-5.3.2', 'Equipment cannot be calibrated against itself.', 'reference.equipmentId');
        }
        const reference = await equipmentOr404(em, input.reference.equipmentId);
        const fitness = await statusOn(em, reference.id, input.calibratedOn);
        if (!fitness.usable) {
          throw ProblemException.ruleViolation(
            'R-5.3.2',
            `Reference ${reference.assetNumber} was ${fitness.status} (${fitness.reason}) on ${input.calibratedOn} and cannot be the reference of a calibration.`,
            'reference.equipmentId',
            'reference-not-usable',
          );
        }
      } else if (input.reference.validUntil && input.reference.validUntil < input.calibratedOn) {
        throw ProblemException.ruleViolation(
          'R-5.3.2',
          `The external reference's certificate expired on ${input.reference.validUntil}, before the calibration.`,
          'reference.validUntil',
          'reference-not-usable',
        );
      }
      if (equipment.confirmation && input.results.length === 0) {
        throw ProblemException.ruleViolation(
          'R-5.5.4',
          `Equipment ${equipment.assetNumber} needs metrological confirmation: record the certificate's errors and uncertainties.`,
          'results',
        );
      }

      const newest = (await repository.calibrations(equipmentId))[0];
      const calibration: CalibrationRecord = {
        id: randomUUID(),
        equipmentId,
        serviceKind: input.serviceKind,
        certificateNumber: input.certificateNumber,
        issuer: input.issuer,
        calibratedOn: input.calibratedOn,
        validUntil: input.validUntil,
        reference:
          input.reference.kind === 'own-equipment'
            ? { kind: 'own-equipment', equipmentId: input.reference.equipmentId }
            : { ...input.reference, kind: 'external' },
        results: input.results,
        recordedBy: caller.subject,
      };
      if (!(await repository.insertCalibration(caller.tenant, calibration))) {
        throw ProblemException.conflict(`Certificate ${input.certificateNumber} is recorded for this equipment already.`);
      }
      await repository.addHistory(caller.tenant, equipmentId, 'calibrated', { calibrationId: calibration.id, certificateNumber: input.certificateNumber, calibratedOn: input.calibratedOn }, caller.subject);

      let confirmation: ReturnType<typeof confirmMetrologically> | null = null;
      if (equipment.confirmation) {
        confirmation = confirmMetrologically(input.results, equipment.confirmation);
        await repository.insertConfirmation({
          id: randomUUID(), tenantId: caller.tenant, equipmentId, calibrationId: calibration.id, decidedOn: today, outcome: confirmation.outcome,
          rule: equipment.confirmation.rule, mpe: equipment.confirmation.mpe, unit: equipment.confirmation.unit, points: confirmation.points,
        });
        await repository.addHistory(caller.tenant, equipmentId, `metrological-confirmation-${confirmation.outcome}`, { calibrationId: calibration.id }, caller.subject);
        // Only the newest calibration speaks for the equipment's present state; a back-filled
        // older certificate is kept with its confirmation but changes nothing today.
        const isNewest = !newest || newest.calibratedOn <= input.calibratedOn;
        if (isNewest) {
          const open = (await repository.suspensions(equipmentId)).filter((s) => !s.liftedOn && s.reasonCode === 'metrological-confirmation-failed');
          if (confirmation.outcome === 'not-confirmed' && open.length === 0) {
            await this.ledger.openSuspension(em, caller, equipmentId, {
              kind: 'suspended',
              reasonCode: 'metrological-confirmation-failed',
              reason: `Certificate ${input.certificateNumber}: error beyond the required MPE ±${equipment.confirmation.mpe} under the ${equipment.confirmation.rule} rule`,
              sourceId: calibration.id,
              startedOn: today,
            });
          }
          if (confirmation.outcome === 'confirmed') {
            for (const s of open) await repository.liftSuspension(s.id, today, caller.subject, `confirmed after calibration ${input.certificateNumber}`);
          }
        }
      }
      await this.status.refresh(em, caller.tenant, today, [equipmentId]);
      return { ...calibration, confirmation, status: await statusOn(em, equipmentId, today) };
    });
  }
}
