import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { ConsentBody } from '../../contracts/api/contracts.dto';
import { IdParam, offsetOf, page } from '../../shared/api/dto';
import { ItemHandlingService } from '../application/item-handling-service';
import { AdjustmentBody, IntakeQuery, ReceiveItemBody, ReturnItemBody, StateChangeNoticeBody } from './item-handling.dto';

const id = new ZodValidationPipe(IdParam);
const readers = ['intake-clerk', 'calibrator', 'checker', 'technical-manager', 'administrator'] as const;

/** Item intake and return, adjustment consent and notices. */
@Controller('items')
export class ItemHandlingController {
  constructor(private readonly items: ItemHandlingService) {}

  @Post(':id/intake')
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'administrator')
  receive(@Param('id', id) itemId: string, @Body(new ZodValidationPipe(ReceiveItemBody)) body: z.infer<typeof ReceiveItemBody>, @CurrentCaller() caller: Caller) {
    return this.items.receive(itemId, { ...body, photos: body.photos.map((p) => ({ ...p, kind: 'photo' })) }, caller);
  }

  @Get(':id/handling')
  @RequireRoles(...readers)
  handling(@Param('id', id) itemId: string, @CurrentCaller() caller: Caller) {
    return this.items.record(itemId, caller);
  }

  @Post(':id/return')
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'administrator')
  returnItem(@Param('id', id) itemId: string, @Body(new ZodValidationPipe(ReturnItemBody)) body: z.infer<typeof ReturnItemBody>, @CurrentCaller() caller: Caller) {
    return this.items.returnToCustomer(itemId, { ...body, photos: body.photos.map((p) => ({ ...p, kind: 'photo' })) }, caller);
  }

  @Post(':id/adjustment-consent')
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'administrator')
  adjustmentConsent(@Param('id', id) itemId: string, @Body(new ZodValidationPipe(ConsentBody)) body: z.infer<typeof ConsentBody>, @CurrentCaller() caller: Caller) {
    return this.items.decideAdjustment(itemId, body, caller);
  }

  @Post(':id/adjustments')
  @HttpCode(201)
  @RequireRoles('calibrator', 'technical-manager')
  adjust(@Param('id', id) itemId: string, @Body(new ZodValidationPipe(AdjustmentBody)) body: z.infer<typeof AdjustmentBody>, @CurrentCaller() caller: Caller) {
    return this.items.recordAdjustment(itemId, body, caller);
  }

  @Post(':id/state-change-notices')
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'technical-manager', 'administrator')
  notice(@Param('id', id) itemId: string, @Body(new ZodValidationPipe(StateChangeNoticeBody)) body: z.infer<typeof StateChangeNoticeBody>, @CurrentCaller() caller: Caller) {
    return this.items.noticeStateChange(itemId, body, caller);
  }
}

@Controller('item-intakes')
export class ItemIntakesController {
  constructor(private readonly items: ItemHandlingService) {}

  @Get()
  @RequireRoles(...readers)
  async list(@Query(new ZodValidationPipe(IntakeQuery)) query: z.infer<typeof IntakeQuery>, @CurrentCaller() caller: Caller) {
    const { rows, total } = await this.items.intakes({ contractId: query.contractId, label: query.label }, query.pageSize, offsetOf(query), caller);
    return page(rows, total, query);
  }
}
