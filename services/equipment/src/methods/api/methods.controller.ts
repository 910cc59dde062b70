import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { IdParam } from '../../shared/dto';
import { METHOD_KEEPERS } from '../../shared/roles';
import { MethodLibraryService } from '../application/method-library.service';
import { CreateMethodBody, EvidenceBody, ListMethodsQuery, ReviewBody, WithdrawBody } from './methods.dto';

const id = new ZodValidationPipe(IdParam);

@Controller('methods')
export class MethodsController {
  constructor(private readonly methods: MethodLibraryService) {}

  @Post()
  @HttpCode(201)
  @RequireRoles(...METHOD_KEEPERS)
  create(@Body(new ZodValidationPipe(CreateMethodBody)) body: z.infer<typeof CreateMethodBody>, @CurrentCaller() caller: Caller) {
    return this.methods.create(body, caller);
  }

  @Get()
  list(@Query(new ZodValidationPipe(ListMethodsQuery)) query: z.infer<typeof ListMethodsQuery>, @CurrentCaller() caller: Caller) {
    return this.methods.list(query.code, caller);
  }

  @Get('reviews-due')
  reviewsDue(@CurrentCaller() caller: Caller) {
    return this.methods.reviewsDue(caller);
  }

  @Get(':id')
  get(@Param('id', id) methodId: string, @CurrentCaller() caller: Caller) {
    return this.methods.get(methodId, caller);
  }

  @Post(':id/validation')
  @HttpCode(200)
  @RequireRoles(...METHOD_KEEPERS)
  validate(@Param('id', id) methodId: string, @Body(new ZodValidationPipe(EvidenceBody)) body: z.infer<typeof EvidenceBody>, @CurrentCaller() caller: Caller) {
    return this.methods.validate(methodId, body.on, body.reference, caller);
  }

  @Post(':id/verification')
  @HttpCode(200)
  @RequireRoles(...METHOD_KEEPERS)
  verify(@Param('id', id) methodId: string, @Body(new ZodValidationPipe(EvidenceBody)) body: z.infer<typeof EvidenceBody>, @CurrentCaller() caller: Caller) {
    return this.methods.verify(methodId, body.on, body.reference, caller);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @RequireRoles(...METHOD_KEEPERS)
  withdraw(@Param('id', id) methodId: string, @Body(new ZodValidationPipe(WithdrawBody)) body: z.infer<typeof WithdrawBody>, @CurrentCaller() caller: Caller) {
    return this.methods.withdraw(methodId, body.withdrawnOn, body.supersededById, caller);
  }

  @Post(':id/reviews')
  @HttpCode(201)
  @RequireRoles(...METHOD_KEEPERS)
  review(@Param('id', id) methodId: string, @Body(new ZodValidationPipe(ReviewBody)) body: z.infer<typeof ReviewBody>, @CurrentCaller() caller: Caller) {
    return this.methods.review(methodId, body, caller);
  }
}
