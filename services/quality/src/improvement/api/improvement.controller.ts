import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { ImprovementService } from '../application/improvement-service';
import { FindingSource } from '../domain/finding';
import {
  CompleteTaskBody, CorrectiveActionQuery, FindingQuery, IdParam, ImprovementBody, OpenCorrectiveActionBody, PlanBody, RaiseFindingBody,
  RegisterQuery, VerifyBody,
} from './improvement.dto';

const QUALITY_STAFF = ['quality-supervisor', 'technical-manager', 'administrator'] as const;
const READERS = [...QUALITY_STAFF, 'regulator'] as const;

/** Findings, corrective / risk-control actions and the improvement register. */
@Controller()
export class ImprovementController {
  constructor(private readonly improvement: ImprovementService) {}

  @Post('findings')
  @HttpCode(201)
  @RequireRoles(...QUALITY_STAFF)
  raise(@Body(new ZodValidationPipe(RaiseFindingBody)) body: z.infer<typeof RaiseFindingBody>, @CurrentCaller() caller: Caller) {
    const { openCorrectiveAction, ...finding } = body;
    return this.improvement.raiseFinding(caller, { ...finding, source: finding.source as FindingSource }, openCorrectiveAction);
  }

  @Get('findings')
  @RequireRoles(...READERS)
  findings(@Query(new ZodValidationPipe(FindingQuery)) query: z.infer<typeof FindingQuery>, @CurrentCaller() caller: Caller) {
    return this.improvement.findings(caller, query);
  }

  @Get('findings/:id')
  @RequireRoles(...READERS)
  finding(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.improvement.finding(caller, id);
  }

  @Post('findings/:id/close')
  @HttpCode(200)
  @RequireRoles(...QUALITY_STAFF)
  closeFinding(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.improvement.closeFinding(caller, id);
  }

  @Post('corrective-actions')
  @HttpCode(201)
  @RequireRoles(...QUALITY_STAFF)
  open(@Body(new ZodValidationPipe(OpenCorrectiveActionBody)) body: z.infer<typeof OpenCorrectiveActionBody>, @CurrentCaller() caller: Caller) {
    return this.improvement.openCorrectiveAction(caller, body);
  }

  @Get('corrective-actions')
  @RequireRoles(...READERS)
  correctiveActions(@Query(new ZodValidationPipe(CorrectiveActionQuery)) query: z.infer<typeof CorrectiveActionQuery>, @CurrentCaller() caller: Caller) {
    return this.improvement.correctiveActions(caller, query);
  }

  @Get('corrective-actions/:id')
  @RequireRoles(...READERS)
  correctiveAction(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.improvement.correctiveAction(caller, id);
  }

  @Post('corrective-actions/:id/plan')
  @HttpCode(200)
  @RequireRoles(...QUALITY_STAFF)
  plan(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(PlanBody)) body: z.infer<typeof PlanBody>, @CurrentCaller() caller: Caller) {
    return this.improvement.plan(caller, id, body);
  }

  /** Whoever carried out an action reports it done (any staff role: owners are often calibrators). */
  @Post('corrective-actions/:id/tasks/:taskId/complete')
  @HttpCode(200)
  complete(
    @Param('id', new ZodValidationPipe(IdParam)) id: string,
    @Param('taskId', new ZodValidationPipe(IdParam)) taskId: string,
    @Body(new ZodValidationPipe(CompleteTaskBody)) body: z.infer<typeof CompleteTaskBody>,
    @CurrentCaller() caller: Caller,
  ) {
    return this.improvement.completeTask(caller, id, taskId, body.note);
  }

  @Post('corrective-actions/:id/verification')
  @HttpCode(200)
  @RequireRoles('quality-supervisor', 'technical-manager')
  verify(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(VerifyBody)) body: z.infer<typeof VerifyBody>, @CurrentCaller() caller: Caller) {
    return this.improvement.verify(caller, id, body);
  }

  @Get('improvements')
  @RequireRoles(...READERS)
  register(@Query(new ZodValidationPipe(RegisterQuery)) query: z.infer<typeof RegisterQuery>, @CurrentCaller() caller: Caller) {
    return this.improvement.register(caller, query);
  }

  @Post('improvements')
  @HttpCode(201)
  @RequireRoles(...QUALITY_STAFF)
  addImprovement(@Body(new ZodValidationPipe(ImprovementBody)) body: z.infer<typeof ImprovementBody>, @CurrentCaller() caller: Caller) {
    return this.improvement.addImprovement(caller, body);
  }
}
