import { Controller, Get } from '@nestjs/common';
import { Caller, CurrentCaller, RequireRoles } from '@calchain/platform';
import { EquipmentRegulatorSummary } from '../application/regulator-summary';

/** Read-only, for a regulator with jurisdiction (the gateway chooses the institution and audit-logs the call). */
@Controller('regulator')
export class EquipmentRegulatorSummaryController {
  constructor(private readonly summary: EquipmentRegulatorSummary) {}

  /** due, overdue and suspended counts. */
  @Get('equipment-counts')
  @RequireRoles('regulator', 'quality-supervisor', 'technical-manager', 'administrator')
  counts(@CurrentCaller() caller: Caller) {
    return this.summary.counts(caller);
  }
}
