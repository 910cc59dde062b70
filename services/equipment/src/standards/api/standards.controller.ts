import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, Public, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { IdParam } from '../../shared/dto';
import { EQUIPMENT_MANAGERS } from '../../shared/roles';
import { MeasurementStandardService } from '../application/measurement-standard.service';
import { CertificateBody, CreateStandardBody, EquipmentIdsBody, ScopeBody, SuspendStandardBody, TenantParam } from './standards.dto';

const id = new ZodValidationPipe(IdParam);

@Controller('measurement-standards')
export class StandardsController {
  constructor(private readonly standards: MeasurementStandardService) {}

  @Post()
  @HttpCode(201)
  @RequireRoles(...EQUIPMENT_MANAGERS)
  create(@Body(new ZodValidationPipe(CreateStandardBody)) body: z.infer<typeof CreateStandardBody>, @CurrentCaller() caller: Caller) {
    return this.standards.create(body, caller);
  }

  @Get()
  list(@CurrentCaller() caller: Caller) {
    return this.standards.list(caller.tenant);
  }

  @Get(':id')
  get(@Param('id', id) standardId: string, @CurrentCaller() caller: Caller) {
    return this.standards.get(standardId, caller);
  }

  @Post(':id/certificates')
  @HttpCode(201)
  @RequireRoles(...EQUIPMENT_MANAGERS)
  addCertificate(@Param('id', id) standardId: string, @Body(new ZodValidationPipe(CertificateBody)) body: z.infer<typeof CertificateBody>, @CurrentCaller() caller: Caller) {
    return this.standards.addCertificate(standardId, body, caller);
  }

  /** The authorised scope is replaced as a whole, as a reissued certificate annex replaces the old one. */
  @Put(':id/scope')
  @RequireRoles(...EQUIPMENT_MANAGERS)
  replaceScope(@Param('id', id) standardId: string, @Body(new ZodValidationPipe(ScopeBody)) body: z.infer<typeof ScopeBody>, @CurrentCaller() caller: Caller) {
    return this.standards.replaceScope(standardId, body, caller);
  }

  @Put(':id/equipment')
  @RequireRoles(...EQUIPMENT_MANAGERS)
  replaceEquipment(@Param('id', id) standardId: string, @Body(new ZodValidationPipe(EquipmentIdsBody)) body: z.infer<typeof EquipmentIdsBody>, @CurrentCaller() caller: Caller) {
    return this.standards.replaceEquipment(standardId, body.equipmentIds, caller);
  }

  /** Suspends the standard (reason) or reinstates it (null). */
  @Put(':id/suspension')
  @RequireRoles('technical-manager', 'administrator')
  suspend(@Param('id', id) standardId: string, @Body(new ZodValidationPipe(SuspendStandardBody)) body: z.infer<typeof SuspendStandardBody>, @CurrentCaller() caller: Caller) {
    return this.standards.suspend(standardId, body.reason, caller);
  }
}

/** public disclosure: an institution's measurement standards and authorised scope, no token needed. */
@Controller('public/:tenant/measurement-standards')
export class PublicStandardsController {
  constructor(private readonly standards: MeasurementStandardService) {}

  @Public()
  @Get()
  async list(@Param('tenant', new ZodValidationPipe(TenantParam)) tenant: string) {
    // Equipment ids are internal references; the disclosure is the standard, its certificates and scope.
    return (await this.standards.list(tenant)).map((standard) => {
      const disclosed: Partial<typeof standard> = { ...standard };
      delete disclosed.equipmentIds;
      return disclosed;
    });
  }
}
