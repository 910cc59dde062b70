import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { InternalAuditService } from '../application/internal-audit-service';
import { AuditFindingBody, CompleteAuditBody, IdParam, PlanAuditBody, ProgrammeQuery } from './internal-audit.dto';

const AUDITORS = ['quality-supervisor', 'technical-manager'] as const;
const READERS = [...AUDITORS, 'administrator', 'regulator'] as const;

/** The internal audit programme and its audits' findings (R-9.2). */
@Controller('internal-audits')
export class InternalAuditController {
  constructor(private readonly audits: InternalAuditService) {}

  @Post()
  @HttpCode(201)
  @RequireRoles(...AUDITORS)
  plan(@Body(new ZodValidationPipe(PlanAuditBody)) body: z.infer<typeof PlanAuditBody>, @CurrentCaller() caller: Caller) {
    return this.audits.plan(caller, body);
  }

  @Get()
  @RequireRoles(...READERS)
  programme(@Query(new ZodValidationPipe(ProgrammeQuery)) query: z.infer<typeof ProgrammeQuery>, @CurrentCaller() caller: Caller) {
    return this.audits.programme(caller, query.year);
  }

  @Get(':id')
  @RequireRoles(...READERS)
  audit(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.audits.audit(caller, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @RequireRoles(...AUDITORS)
  start(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.audits.start(caller, id);
  }

  @Post(':id/findings')
  @HttpCode(201)
  @RequireRoles(...AUDITORS)
  finding(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(AuditFindingBody)) body: z.infer<typeof AuditFindingBody>, @CurrentCaller() caller: Caller) {
    return this.audits.addFinding(caller, id, body);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @RequireRoles(...AUDITORS)
  complete(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(CompleteAuditBody)) body: z.infer<typeof CompleteAuditBody>, @CurrentCaller() caller: Caller) {
    return this.audits.complete(caller, id, body.conclusion);
  }
}
