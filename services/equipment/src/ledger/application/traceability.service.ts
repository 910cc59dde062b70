import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, LabCalendar, TenantTransactions } from '@calchain/platform';
import { calibrationValidUntil } from '../domain/equipment-status';
import { TraceabilityChain, traceChain, TraceabilitySource } from '../domain/traceability';
import { EquipmentRepository } from '../infrastructure/equipment.repository';
import { equipmentOr404 } from './equipment-ledger.service';

/** the traceability chain of any equipment, and every chain in the ledger that is broken. */
@Injectable()
export class TraceabilityService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly calendar: LabCalendar,
  ) {}

  async chain(equipmentId: string, caller: Caller): Promise<TraceabilityChain> {
    const today = this.calendar.today();
    return this.tx.read(caller.tenant, async (em) => {
      await equipmentOr404(em, equipmentId);
      return traceChain(equipmentId, today, await this.source(em));
    });
  }

  /** Chains of all equipment in use that needs calibration, broken ones only. */
  async broken(caller: Caller): Promise<TraceabilityChain[]> {
    const today = this.calendar.today();
    return this.tx.read(caller.tenant, async (em) => {
      const source = await this.source(em);
      const inUse = (await new EquipmentRepository(em).list()).filter((e) => e.calibrationRequired && !e.retiredOn);
      return inUse.map((e) => traceChain(e.id, today, source)).filter((c) => !c.intact);
    });
  }

  /** The tenant's ledger in memory: a lab has hundreds to thousands of pieces, chains are a few links long. */
  private async source(em: EntityManager): Promise<TraceabilitySource> {
    const repository = new EquipmentRepository(em);
    const equipment = new Map((await repository.list()).map((e) => [e.id, e]));
    const calibrations = await repository.calibrations();
    return {
      equipment: (id) => equipment.get(id),
      calibrationInForce: (id, on) => {
        const c = calibrations.find((x) => x.equipmentId === id && x.calibratedOn <= on);
        const terms = equipment.get(id);
        if (!c || !terms) return undefined;
        return {
          calibrationId: c.id,
          certificateNumber: c.certificateNumber,
          issuer: c.issuer,
          calibratedOn: c.calibratedOn,
          validUntil: calibrationValidUntil({ intervalMonths: terms.calibrationIntervalMonths }, c),
          reference: c.reference,
        };
      },
    };
  }
}
