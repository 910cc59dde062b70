import { Controller, Get, Inject, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Caller, CurrentCaller, inTenantTransaction, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { Code } from '../../shared/api/dto';
import { CAPABILITY_READ_MODEL, CapabilityReadModel } from '../application/capability-read-model.port';

const list = z.union([Code, z.array(Code).max(50)]).transform((v) => (Array.isArray(v) ? v : [v]));
export const CapabilityQuery = z.object({ methodCode: list.default([]), itemCode: list.default([]) });

/**
 * What intake currently knows about the institution's capability for some methods and items: the
 * read model that contract reviews use, for the clerk who has to explain a review.
 */
@Controller('capability')
export class CapabilityController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CAPABILITY_READ_MODEL) private readonly readModel: CapabilityReadModel,
  ) {}

  @Get()
  @RequireRoles('intake-clerk', 'technical-manager', 'quality-supervisor', 'administrator')
  read(@Query(new ZodValidationPipe(CapabilityQuery)) query: z.infer<typeof CapabilityQuery>, @CurrentCaller() caller: Caller) {
    return inTenantTransaction(this.dataSource, caller.tenant, (em) =>
      this.readModel.snapshot(em, { methodCodes: query.methodCode, itemCodes: query.itemCode.length ? query.itemCode : query.methodCode }),
    );
  }
}
