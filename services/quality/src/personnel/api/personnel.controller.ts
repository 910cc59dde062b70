import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { PersonnelService } from '../application/personnel-service';
import {
  AuthorisationQuery, CompetenceBody, EmploymentBody, EndEmploymentBody, GrantBody, IdParam, ItemBody, ItemCodeParam, NewPersonBody,
  QualificationBody, RevokeBody, TitleBody,
} from './personnel.dto';

/** Who manages personnel and decides authorisations: the technical manager and administrators. */
const MANAGERS = ['technical-manager', 'administrator'] as const;
const LEDGER_READERS = [...MANAGERS, 'quality-supervisor'] as const;

/** Personnel ledger, employment, competence and authorisations (R-5.1.1..R-5.1.4). */
@Controller()
export class PersonnelController {
  constructor(private readonly personnel: PersonnelService) {}

  @Post('persons')
  @HttpCode(201)
  @RequireRoles(...MANAGERS)
  create(@Body(new ZodValidationPipe(NewPersonBody)) body: z.infer<typeof NewPersonBody>, @CurrentCaller() caller: Caller) {
    return this.personnel.createPerson(caller, body);
  }

  @Get('persons')
  @RequireRoles(...LEDGER_READERS)
  list(@CurrentCaller() caller: Caller) {
    return this.personnel.persons(caller);
  }

  @Get('persons/:id')
  @RequireRoles(...LEDGER_READERS)
  get(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.personnel.person(caller, id);
  }

  @Patch('persons/:id/title')
  @RequireRoles(...MANAGERS)
  title(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(TitleBody)) body: z.infer<typeof TitleBody>, @CurrentCaller() caller: Caller) {
    return this.personnel.setTitle(caller, id, body.title);
  }

  @Post('persons/:id/employments')
  @HttpCode(201)
  @RequireRoles(...MANAGERS)
  employ(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(EmploymentBody)) body: z.infer<typeof EmploymentBody>, @CurrentCaller() caller: Caller) {
    return this.personnel.startEmployment(caller, id, body);
  }

  @Post('persons/:id/employments/:employmentId/end')
  @HttpCode(200)
  @RequireRoles(...MANAGERS)
  endEmployment(
    @Param('id', new ZodValidationPipe(IdParam)) id: string,
    @Param('employmentId', new ZodValidationPipe(IdParam)) employmentId: string,
    @Body(new ZodValidationPipe(EndEmploymentBody)) body: z.infer<typeof EndEmploymentBody>,
    @CurrentCaller() caller: Caller,
  ) {
    return this.personnel.endEmployment(caller, id, employmentId, body);
  }

  @Post('persons/:id/qualifications')
  @HttpCode(201)
  @RequireRoles(...MANAGERS)
  qualify(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(QualificationBody)) body: z.infer<typeof QualificationBody>, @CurrentCaller() caller: Caller) {
    return this.personnel.addQualification(caller, id, body);
  }

  @Post('persons/:id/competence')
  @HttpCode(201)
  @RequireRoles(...MANAGERS, 'quality-supervisor')
  competence(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(CompetenceBody)) body: z.infer<typeof CompetenceBody>, @CurrentCaller() caller: Caller) {
    return this.personnel.addCompetence(caller, id, body);
  }

  @Post('persons/:id/authorisations')
  @HttpCode(201)
  @RequireRoles(...MANAGERS)
  grant(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(GrantBody)) body: z.infer<typeof GrantBody>, @CurrentCaller() caller: Caller) {
    return this.personnel.grant(caller, id, body);
  }

  /** Any staff member may see who is authorised for what (a calibrator checks before starting work). */
  @Get('authorisations')
  authorisations(@Query(new ZodValidationPipe(AuthorisationQuery)) query: z.infer<typeof AuthorisationQuery>, @CurrentCaller() caller: Caller) {
    return this.personnel.authorisations(caller, query);
  }

  @Post('authorisations/:id/revoke')
  @HttpCode(200)
  @RequireRoles(...MANAGERS)
  revoke(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(RevokeBody)) body: z.infer<typeof RevokeBody>, @CurrentCaller() caller: Caller) {
    return this.personnel.revoke(caller, id, body.reason);
  }

  /** per item: authorised persons, qualified responsible person, adequate or not. */
  @Get('items')
  @RequireRoles(...LEDGER_READERS, 'intake-clerk', 'regulator')
  items(@CurrentCaller() caller: Caller) {
    return this.personnel.items(caller);
  }

  @Put('items/:code')
  @RequireRoles(...MANAGERS)
  registerItem(@Param('code', new ZodValidationPipe(ItemCodeParam)) code: string, @Body(new ZodValidationPipe(ItemBody)) body: z.infer<typeof ItemBody>, @CurrentCaller() caller: Caller) {
    return this.personnel.registerItem(caller, code, body.title);
  }
}
