import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { SupervisionService } from '../application/supervision-service';
import { CreatePlanBody, IdParam, PlanQuery, SampleResultBody } from './supervision.dto';

const SUPERVISORS = ['quality-supervisor', 'technical-manager'] as const;
const READERS = [...SUPERVISORS, 'administrator', 'regulator'] as const;

/** Supervision plans, sampling of completed jobs and their results. */
@Controller('supervision-plans')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Post()
  @HttpCode(201)
  @RequireRoles(...SUPERVISORS)
  create(@Body(new ZodValidationPipe(CreatePlanBody)) body: z.infer<typeof CreatePlanBody>, @CurrentCaller() caller: Caller) {
    return this.supervision.createPlan(caller, body);
  }

  @Get()
  @RequireRoles(...READERS)
  list(@Query(new ZodValidationPipe(PlanQuery)) query: z.infer<typeof PlanQuery>, @CurrentCaller() caller: Caller) {
    return this.supervision.plans(caller, query);
  }

  @Get(':id')
  @RequireRoles(...READERS)
  get(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.supervision.plan(caller, id);
  }

  @Post(':id/sample')
  @HttpCode(200)
  @RequireRoles(...SUPERVISORS)
  sample(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.supervision.sample(caller, id);
  }

  @Post(':id/samples/:sampleId/result')
  @HttpCode(200)
  @RequireRoles(...SUPERVISORS)
  result(
    @Param('id', new ZodValidationPipe(IdParam)) id: string,
    @Param('sampleId', new ZodValidationPipe(IdParam)) sampleId: string,
    @Body(new ZodValidationPipe(SampleResultBody)) body: z.infer<typeof SampleResultBody>,
    @CurrentCaller() caller: Caller,
  ) {
    return this.supervision.recordResult(caller, id, sampleId, body);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @RequireRoles(...SUPERVISORS)
  complete(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.supervision.complete(caller, id);
  }
}
