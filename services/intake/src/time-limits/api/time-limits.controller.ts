import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, Public, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { Code, DateText, offsetOf, page, TenantParam } from '../../shared/api/dto';
import { TimeLimitService } from '../application/time-limit-service';
import { TimeLimitSweep } from '../application/time-limit-sweep';
import {
  CalendarQuery, DisclosureReviewBody, PromiseQuery, PutCalendarDayBody, PutFeeBody, PutTimeLimitBody,
} from './time-limits.dto';

const staff = ['intake-clerk', 'technical-manager', 'quality-supervisor', 'administrator'] as const;

/** The fee schedule, time-limit table and working calendar, maintained by the institution. */
@Controller()
export class TimeLimitsController {
  constructor(
    private readonly service: TimeLimitService,
    private readonly sweep: TimeLimitSweep,
  ) {}

  @Put('fee-schedule/:code')
  @RequireRoles('administrator', 'technical-manager')
  putFee(@Param('code', new ZodValidationPipe(Code)) code: string, @Body(new ZodValidationPipe(PutFeeBody)) body: z.infer<typeof PutFeeBody>, @CurrentCaller() caller: Caller) {
    return this.service.putFee({ code, ...body }, caller);
  }

  @Get('fee-schedule')
  @RequireRoles(...staff)
  fees(@CurrentCaller() caller: Caller) {
    return this.service.feeSchedule(caller.tenant);
  }

  @Put('time-limits')
  @RequireRoles('administrator', 'technical-manager')
  putTimeLimit(@Body(new ZodValidationPipe(PutTimeLimitBody)) body: z.infer<typeof PutTimeLimitBody>, @CurrentCaller() caller: Caller) {
    return this.service.putTimeLimit(body, caller);
  }

  @Get('time-limits')
  @RequireRoles(...staff)
  timeLimits(@CurrentCaller() caller: Caller) {
    return this.service.timeLimits(caller.tenant);
  }

  @Put('calendar/:day')
  @RequireRoles('administrator')
  putDay(@Param('day', new ZodValidationPipe(DateText)) day: string, @Body(new ZodValidationPipe(PutCalendarDayBody)) body: z.infer<typeof PutCalendarDayBody>, @CurrentCaller() caller: Caller) {
    return this.service.putCalendarDay({ day, ...body }, caller);
  }

  @Delete('calendar/:day')
  @HttpCode(204)
  @RequireRoles('administrator')
  deleteDay(@Param('day', new ZodValidationPipe(DateText)) day: string, @CurrentCaller() caller: Caller) {
    return this.service.deleteCalendarDay(day, caller);
  }

  @Get('calendar')
  @RequireRoles(...staff)
  calendar(@Query(new ZodValidationPipe(CalendarQuery)) query: z.infer<typeof CalendarQuery>, @CurrentCaller() caller: Caller) {
    return this.service.calendarDays(query.from ?? null, query.to ?? null, caller);
  }

  @Post('disclosure-reviews')
  @HttpCode(201)
  @RequireRoles('quality-supervisor', 'administrator')
  review(@Body(new ZodValidationPipe(DisclosureReviewBody)) body: z.infer<typeof DisclosureReviewBody>, @CurrentCaller() caller: Caller) {
    return this.service.recordReview(body.document, body.reviewedOn, body.note, caller);
  }

  /** the clock of every accepted item (filter by contract, open/closed). */
  @Get('time-limit-promises')
  @RequireRoles(...staff)
  async promises(@Query(new ZodValidationPipe(PromiseQuery)) query: z.infer<typeof PromiseQuery>, @CurrentCaller() caller: Caller) {
    const { rows, total } = await this.service.promises({ contractId: query.contractId, open: query.open }, { limit: query.pageSize, offset: offsetOf(query) }, caller);
    return page(rows, total, query);
  }

  /** checks the caller's institution's clocks now (the schedule does it anyway). */
  @Post('time-limit-promises/sweep')
  @HttpCode(200)
  @RequireRoles('technical-manager', 'administrator')
  sweepNow(@CurrentCaller() caller: Caller) {
    return this.sweep.sweep(caller.tenant);
  }

  /** Prometheus gauges of items about to breach and breached (no personal data). */
  @Public()
  @Get('time-limit-promises/metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  metrics() {
    return this.sweep.metrics();
  }
}

/** public disclosure: fee schedule and time limits with their last review, no token needed. */
@Controller('public/:tenant')
export class PublicDisclosureController {
  constructor(private readonly service: TimeLimitService) {}

  @Public()
  @Get('fee-schedule')
  fees(@Param('tenant', new ZodValidationPipe(TenantParam)) tenant: string) {
    return this.service.feeSchedule(tenant);
  }

  @Public()
  @Get('time-limits')
  timeLimits(@Param('tenant', new ZodValidationPipe(TenantParam)) tenant: string) {
    return this.service.timeLimits(tenant);
  }
}
