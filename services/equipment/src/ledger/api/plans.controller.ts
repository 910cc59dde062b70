import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { IdParam } from '../../shared/dto';
import { EQUIPMENT_MANAGERS } from '../../shared/roles';
import { CalibrationPlanService } from '../application/calibration-plan.service';
import { IntermediateCheckService } from '../application/intermediate-check.service';
import { StatusSweeper } from '../application/status-sweeper';
import { TraceabilityService } from '../application/traceability.service';
import { PeriodBody, ScheduleQuery } from './ledger.dto';

/** Ledger-wide views and actions: schedules, plans, broken chains, checks due, the status sweep. */
@Controller()
export class PlansController {
  constructor(
    private readonly plans: CalibrationPlanService,
    private readonly traceability: TraceabilityService,
    private readonly checks: IntermediateCheckService,
    private readonly sweeper: StatusSweeper,
  ) {}

  @Get('calibration-schedule')
  schedule(@Query(new ZodValidationPipe(ScheduleQuery)) query: z.infer<typeof ScheduleQuery>, @CurrentCaller() caller: Caller) {
    return this.plans.schedule(query.from, query.to, caller);
  }

  @Post('calibration-plans')
  @HttpCode(201)
  @RequireRoles(...EQUIPMENT_MANAGERS)
  generate(@Body(new ZodValidationPipe(PeriodBody)) body: z.infer<typeof PeriodBody>, @CurrentCaller() caller: Caller) {
    return this.plans.generate(body.period, caller);
  }

  @Get('calibration-plans')
  listPlans(@CurrentCaller() caller: Caller) {
    return this.plans.list(caller);
  }

  @Get('calibration-plans/:id')
  plan(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.plans.get(id, caller);
  }

  @Get('traceability/broken')
  broken(@CurrentCaller() caller: Caller) {
    return this.traceability.broken(caller);
  }

  @Get('intermediate-checks/due')
  checksDue(@CurrentCaller() caller: Caller) {
    return this.checks.due(caller);
  }

  /** Re-derives the caller's institution's statuses now (the schedule does it hourly anyway). */
  @Post('status-sweeps')
  @HttpCode(200)
  @RequireRoles(...EQUIPMENT_MANAGERS)
  sweep(@CurrentCaller() caller: Caller) {
    return this.sweeper.sweep(caller.tenant);
  }
}
