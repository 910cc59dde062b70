import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { WorkOrderService } from '../application/work-order-service';
import { OpenWorkOrderBody, WorkOrderIdParam } from './work-order.dto';

@Controller('work-orders')
export class WorkOrdersController {
  constructor(private readonly workOrders: WorkOrderService) {}

  @Post()
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'administrator')
  open(@Body(new ZodValidationPipe(OpenWorkOrderBody)) body: z.infer<typeof OpenWorkOrderBody>, @CurrentCaller() caller: Caller) {
    return this.workOrders.open(body, caller);
  }

  @Get(':id')
  get(@Param('id', new ZodValidationPipe(WorkOrderIdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.workOrders.get(id, caller);
  }
}
