import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { RemeasurementService } from '../application/remeasurement-service';
import { AssignBody, CloseBody, IdParam, RemeasurementQuery } from './remeasurement.dto';

const QUALITY_STAFF = ['quality-supervisor', 'technical-manager', 'administrator'] as const;
const READERS = [...QUALITY_STAFF, 'regulator'] as const;

/** Re-measurement requests (R-8.2): opened by records' events, assigned and closed here. */
@Controller('remeasurements')
export class RemeasurementController {
  constructor(private readonly remeasurements: RemeasurementService) {}

  @Get()
  @RequireRoles(...READERS)
  list(@Query(new ZodValidationPipe(RemeasurementQuery)) query: z.infer<typeof RemeasurementQuery>, @CurrentCaller() caller: Caller) {
    return this.remeasurements.list(caller, query);
  }

  @Get(':id')
  @RequireRoles(...READERS)
  get(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.remeasurements.get(caller, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @RequireRoles('quality-supervisor', 'technical-manager')
  assign(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(AssignBody)) body: z.infer<typeof AssignBody>, @CurrentCaller() caller: Caller) {
    return this.remeasurements.assign(caller, id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequireRoles('quality-supervisor', 'technical-manager')
  close(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(CloseBody)) body: z.infer<typeof CloseBody>, @CurrentCaller() caller: Caller) {
    return this.remeasurements.close(caller, id, body);
  }
}
