import { Controller, HttpCode, Post } from '@nestjs/common';
import { Caller, CurrentCaller, RequireRoles } from '@calchain/platform';
import { SweepService } from './sweep.service';

@Controller('sweeps')
export class SweepController {
  constructor(private readonly sweeps: SweepService) {}

  /** Runs the periodic checks for the caller's institution now (e.g. after a batch of changes). */
  @Post()
  @HttpCode(200)
  @RequireRoles('quality-supervisor', 'technical-manager', 'administrator')
  run(@CurrentCaller() caller: Caller) {
    return this.sweeps.runFor(caller.tenant);
  }
}
