import { Injectable } from '@nestjs/common';
import { Caller, LabCalendar, TenantTransactions } from '@calchain/platform';
import { deriveStatus, EquipmentStatus } from '../domain/equipment-status';
import { EquipmentRepository } from '../infrastructure/equipment.repository';

const STATUSES: EquipmentStatus[] = ['in-service', 'due', 'overdue', 'suspended', 'out-of-service', 'retired'];

/**
 * Equipment overdue counts for a regulator (issue 9 capability 4; calibration due dates
 * and suspension): how many items are due, overdue, suspended, out of service today, by kind.
 * Counts only — no asset numbers, locations or responsible persons. The status is derived for
 * today, as the ledger derives it, so a sweep that has not run yet does not hide an overdue item.
 */
@Injectable()
export class EquipmentRegulatorSummary {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly calendar: LabCalendar,
  ) {}

  counts(caller: Caller) {
    const today = this.calendar.today();
    return this.tx.read(caller.tenant, async (em) => {
      const statuses = (await new EquipmentRepository(em).statusFacts(today)).map((row) => ({ kind: row.kind, status: deriveStatus(row, today).status }));
      const tally = (rows: typeof statuses) => Object.fromEntries(STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
      const kinds = [...new Set(statuses.map((s) => s.kind))].sort();
      const active = statuses.filter((s) => s.status !== 'retired');
      const now = tally(active);
      return {
        on: today,
        total: active.length,
        due: now['due'],
        overdue: now['overdue'],
        suspended: now['suspended'],
        outOfService: now['out-of-service'],
        byStatus: tally(statuses),
        byKind: Object.fromEntries(kinds.map((k) => [k, tally(statuses.filter((s) => s.kind === k))])),
      };
    });
  }
}
