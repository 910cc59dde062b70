import { Controller, Get } from '@nestjs/common';
import { Caller, CurrentCaller, RequireRoles } from '@calchain/platform';
import { CHAIN_VERIFIERS } from '../../shared/roles';
import { ChainRegulatorSummary } from '../application/regulator-summary';

/** Read-only, for a regulator with jurisdiction (the gateway chooses the institution and audit-logs the call). */
@Controller('regulator')
export class ChainRegulatorSummaryController {
  constructor(private readonly summary: ChainRegulatorSummary) {}

  /** chain checkpoints with hashes and the latest verification. */
  @Get('chain-checkpoints')
  @RequireRoles(...CHAIN_VERIFIERS)
  checkpoints(@CurrentCaller() caller: Caller) {
    return this.summary.checkpoints(caller);
  }
}
