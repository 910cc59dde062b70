import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, Public, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { ComplaintService } from '../application/complaint-service';
import { CloseBody, ExtensionBody, HandlerBody, IdParam, InstitutionParam, ListQuery, PolicyBody, PolicyInput, RangeQuery, RegisterComplaintBody, StepBody } from './complaint.dto';

const OVERSEERS = ['quality-supervisor', 'technical-manager', 'administrator'] as const;
/** Anyone at the institution may take a complaint down (phone, counter, mail); customers file on the web form. */
const INTAKE = [
  'intake-clerk', 'calibrator', 'checker', 'authorised-signatory', 'quality-supervisor', 'standard-responsible', 'technical-manager', 'administrator', 'customer',
] as const;

/** Complaints (R-8.3.1..R-8.3.4). Handler-level routes check the assignment in the use case. */
@Controller()
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintService) {}

  @Get('public/complaint-policy/:institution')
  @Public()
  published(@Param('institution', new ZodValidationPipe(InstitutionParam)) institution: string) {
    return this.complaints.publishedPolicy(institution);
  }

  @Put('complaint-policy')
  @RequireRoles('quality-supervisor', 'administrator')
  policy(@Body(new ZodValidationPipe(PolicyBody)) body: PolicyInput, @CurrentCaller() caller: Caller) {
    return this.complaints.setPolicy(caller, body);
  }

  @Post('complaints')
  @HttpCode(201)
  @RequireRoles(...INTAKE)
  register(@Body(new ZodValidationPipe(RegisterComplaintBody)) body: z.infer<typeof RegisterComplaintBody>, @CurrentCaller() caller: Caller) {
    return this.complaints.register(caller, body);
  }

  @Get('complaints')
  @RequireRoles(...OVERSEERS)
  list(@Query(new ZodValidationPipe(ListQuery)) query: z.infer<typeof ListQuery>, @CurrentCaller() caller: Caller) {
    return this.complaints.list(caller, query);
  }

  @Get('complaints/statistics')
  @RequireRoles(...OVERSEERS, 'regulator')
  statistics(@Query(new ZodValidationPipe(RangeQuery)) range: z.infer<typeof RangeQuery>, @CurrentCaller() caller: Caller) {
    return this.complaints.statistics(caller, range);
  }

  @Get('regulator/complaints')
  @RequireRoles('regulator', ...OVERSEERS)
  regulatorList(@Query(new ZodValidationPipe(RangeQuery)) range: z.infer<typeof RangeQuery>, @CurrentCaller() caller: Caller) {
    return this.complaints.regulatorList(caller, range);
  }

  /** The archived record with every step; overseers and assigned handlers. */
  @Get('complaints/:id')
  get(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.complaints.get(caller, id);
  }

  @Post('complaints/:id/handlers')
  @HttpCode(200)
  @RequireRoles('quality-supervisor', 'technical-manager')
  assign(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(HandlerBody)) body: z.infer<typeof HandlerBody>, @CurrentCaller() caller: Caller) {
    return this.complaints.assignHandler(caller, id, body.handler);
  }

  @Post('complaints/:id/steps')
  @HttpCode(200)
  step(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(StepBody)) body: z.infer<typeof StepBody>, @CurrentCaller() caller: Caller) {
    return this.complaints.addStep(caller, id, body);
  }

  @Post('complaints/:id/extensions')
  @HttpCode(200)
  extend(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(ExtensionBody)) body: z.infer<typeof ExtensionBody>, @CurrentCaller() caller: Caller) {
    return this.complaints.extend(caller, id, body);
  }

  @Post('complaints/:id/close')
  @HttpCode(200)
  close(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(CloseBody)) body: z.infer<typeof CloseBody>, @CurrentCaller() caller: Caller) {
    return this.complaints.close(caller, id, body);
  }
}
