import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { IdParam, offsetOf, page } from '../../shared/api/dto';
import { ContractService } from '../application/contract-service';
import {
  ChangeContractBody, ConsentBody, ContractQuery, CreateContractBody, DeviationBody, SubcontractingBody, VersionParam,
} from './contracts.dto';

const readers = ['intake-clerk', 'technical-manager', 'quality-supervisor', 'administrator', 'regulator'] as const;
/** Issue 9: a customer reads its own contracts; the database shows it no others (customer-scope policies). */
const withCustomer = [...readers, 'customer'] as const;
const id = new ZodValidationPipe(IdParam);

/**
 * Contracts and their review: create (reviewed at once), change (new version,
 * new review), re-review, subcontracting and deviations with the customer's consent, acceptance
 * into work orders. Refusals are problem+json naming the field, rule and requirement ID.
 */
@Controller('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractService) {}

  @Post()
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'administrator')
  create(@Body(new ZodValidationPipe(CreateContractBody)) body: z.infer<typeof CreateContractBody>, @CurrentCaller() caller: Caller) {
    return this.contracts.create(body, caller);
  }

  @Get()
  @RequireRoles(...withCustomer)
  async list(@Query(new ZodValidationPipe(ContractQuery)) query: z.infer<typeof ContractQuery>, @CurrentCaller() caller: Caller) {
    const { rows, total } = await this.contracts.list({ status: query.status, customerId: query.customerId, number: query.number }, query.pageSize, offsetOf(query), caller);
    return page(rows, total, query);
  }

  @Get(':id')
  @RequireRoles(...withCustomer)
  get(@Param('id', id) contractId: string, @CurrentCaller() caller: Caller) {
    return this.contracts.get(contractId, caller);
  }

  /** end-to-end status of every item of the contract. */
  @Get(':id/tracking')
  @RequireRoles(...withCustomer, 'calibrator', 'checker')
  tracking(@Param('id', id) contractId: string, @CurrentCaller() caller: Caller) {
    return this.contracts.tracking(contractId, caller);
  }

  @Post(':id/versions')
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'administrator')
  change(@Param('id', id) contractId: string, @Body(new ZodValidationPipe(ChangeContractBody)) body: z.infer<typeof ChangeContractBody>, @CurrentCaller() caller: Caller) {
    return this.contracts.change(contractId, body, caller);
  }

  @Get(':id/versions/:version')
  @RequireRoles(...withCustomer)
  version(@Param('id', id) contractId: string, @Param('version', new ZodValidationPipe(VersionParam)) version: number, @CurrentCaller() caller: Caller) {
    return this.contracts.version(contractId, version, caller);
  }

  @Post(':id/reviews')
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'technical-manager', 'administrator')
  review(@Param('id', id) contractId: string, @CurrentCaller() caller: Caller) {
    return this.contracts.review(contractId, caller);
  }

  @Get(':id/reviews')
  @RequireRoles(...readers)
  reviews(@Param('id', id) contractId: string, @CurrentCaller() caller: Caller) {
    return this.contracts.reviews(contractId, caller);
  }

  @Post(':id/subcontracting')
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'technical-manager', 'administrator')
  proposeSubcontracting(@Param('id', id) contractId: string, @Body(new ZodValidationPipe(SubcontractingBody)) body: z.infer<typeof SubcontractingBody>, @CurrentCaller() caller: Caller) {
    return this.contracts.proposeSubcontracting(contractId, body, caller);
  }

  @Post(':id/subcontracting/:subcontractingId/consent')
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'administrator')
  decideSubcontracting(
    @Param('id', id) contractId: string,
    @Param('subcontractingId', id) subcontractingId: string,
    @Body(new ZodValidationPipe(ConsentBody)) body: z.infer<typeof ConsentBody>,
    @CurrentCaller() caller: Caller,
  ) {
    return this.contracts.decideSubcontracting(contractId, subcontractingId, body, caller);
  }

  @Post(':id/deviations')
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'calibrator', 'technical-manager', 'administrator')
  raiseDeviation(@Param('id', id) contractId: string, @Body(new ZodValidationPipe(DeviationBody)) body: z.infer<typeof DeviationBody>, @CurrentCaller() caller: Caller) {
    return this.contracts.raiseDeviation(contractId, body, caller);
  }

  @Post(':id/deviations/:deviationId/consent')
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'administrator')
  decideDeviation(
    @Param('id', id) contractId: string,
    @Param('deviationId', id) deviationId: string,
    @Body(new ZodValidationPipe(ConsentBody)) body: z.infer<typeof ConsentBody>,
    @CurrentCaller() caller: Caller,
  ) {
    return this.contracts.decideDeviation(contractId, deviationId, body, caller);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @RequireRoles('intake-clerk', 'technical-manager', 'administrator')
  accept(@Param('id', id) contractId: string, @CurrentCaller() caller: Caller) {
    return this.contracts.accept(contractId, caller);
  }
}

/** one stored review record, with every check and its evidence. */
@Controller('contract-reviews')
export class ContractReviewsController {
  constructor(private readonly contracts: ContractService) {}

  @Get(':id')
  @RequireRoles(...readers)
  get(@Param('id', id) reviewId: string, @CurrentCaller() caller: Caller) {
    return this.contracts.reviewRecord(reviewId, caller);
  }
}
