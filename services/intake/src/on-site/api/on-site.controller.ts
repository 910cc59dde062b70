import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { ConsentBody } from '../../contracts/api/contracts.dto';
import { IdParam, offsetOf, page } from '../../shared/api/dto';
import { OnSiteService } from '../application/on-site-service';
import { ConditionsBody, DecisionBody, EnvironmentSentBody, ImpactBody, OnSiteAttachmentBody, OnSiteQuery, PlanJobBody, SafetyBody } from './on-site.dto';

const id = new ZodValidationPipe(IdParam);
const field = ['calibrator', 'technical-manager', 'intake-clerk'] as const;

/** On-site jobs. */
@Controller('on-site-jobs')
export class OnSiteController {
  constructor(private readonly jobs: OnSiteService) {}

  @Post()
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'technical-manager', 'administrator')
  plan(@Body(new ZodValidationPipe(PlanJobBody)) body: z.infer<typeof PlanJobBody>, @CurrentCaller() caller: Caller) {
    return this.jobs.plan(body, caller);
  }

  @Get()
  @RequireRoles(...field, 'administrator')
  async list(@Query(new ZodValidationPipe(OnSiteQuery)) query: z.infer<typeof OnSiteQuery>, @CurrentCaller() caller: Caller) {
    const { rows, total } = await this.jobs.list({ contractId: query.contractId, status: query.status }, query.pageSize, offsetOf(query), caller);
    return page(rows, total, query);
  }

  @Get(':id')
  @RequireRoles(...field, 'administrator')
  get(@Param('id', id) jobId: string, @CurrentCaller() caller: Caller) {
    return this.jobs.get(jobId, caller);
  }

  @Post(':id/environment-requirements')
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'technical-manager')
  sendEnvironment(@Param('id', id) jobId: string, @Body(new ZodValidationPipe(EnvironmentSentBody)) body: z.infer<typeof EnvironmentSentBody>, @CurrentCaller() caller: Caller) {
    return this.jobs.sendEnvironmentRequirements(jobId, body, caller);
  }

  @Post(':id/safety-acknowledgement')
  @HttpCode(201)
  @RequireRoles('calibrator', 'technical-manager')
  safety(@Param('id', id) jobId: string, @Body(new ZodValidationPipe(SafetyBody)) body: z.infer<typeof SafetyBody>, @CurrentCaller() caller: Caller) {
    return this.jobs.acknowledgeSafety(jobId, body.acknowledged, caller);
  }

  @Post(':id/site-conditions')
  @HttpCode(201)
  @RequireRoles('calibrator', 'technical-manager')
  conditions(@Param('id', id) jobId: string, @Body(new ZodValidationPipe(ConditionsBody)) body: z.infer<typeof ConditionsBody>, @CurrentCaller() caller: Caller) {
    return this.jobs.recordConditions(jobId, body.readings, caller);
  }

  @Post(':id/impact-assessment')
  @HttpCode(201)
  @RequireRoles('calibrator', 'technical-manager')
  impact(@Param('id', id) jobId: string, @Body(new ZodValidationPipe(ImpactBody)) body: z.infer<typeof ImpactBody>, @CurrentCaller() caller: Caller) {
    return this.jobs.assessImpact(jobId, body.assessment, caller);
  }

  @Post(':id/technical-manager-consent')
  @HttpCode(201)
  @RequireRoles('technical-manager')
  technicalManager(@Param('id', id) jobId: string, @Body(new ZodValidationPipe(DecisionBody)) body: z.infer<typeof DecisionBody>, @CurrentCaller() caller: Caller) {
    return this.jobs.technicalManagerDecision(jobId, body.decision, caller);
  }

  @Post(':id/customer-consent')
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'technical-manager', 'calibrator')
  customer(@Param('id', id) jobId: string, @Body(new ZodValidationPipe(ConsentBody)) body: z.infer<typeof ConsentBody>, @CurrentCaller() caller: Caller) {
    return this.jobs.customerDecision(jobId, body, caller);
  }

  @Post(':id/start-measurement')
  @HttpCode(200)
  @RequireRoles('calibrator', 'technical-manager')
  start(@Param('id', id) jobId: string, @CurrentCaller() caller: Caller) {
    return this.jobs.startMeasurement(jobId, caller);
  }

  @Post(':id/attachments')
  @HttpCode(201)
  @RequireRoles(...field, 'administrator')
  attach(@Param('id', id) jobId: string, @Body(new ZodValidationPipe(OnSiteAttachmentBody)) body: z.infer<typeof OnSiteAttachmentBody>, @CurrentCaller() caller: Caller) {
    return this.jobs.attach(jobId, body, caller);
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequireRoles('technical-manager', 'intake-clerk')
  close(@Param('id', id) jobId: string, @CurrentCaller() caller: Caller) {
    return this.jobs.close(jobId, caller);
  }
}
