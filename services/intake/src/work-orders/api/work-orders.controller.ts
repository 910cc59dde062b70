import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { offsetOf, page } from '../../shared/api/dto';
import { DispatchService } from '../application/dispatch-service';
import { WorkOrderService } from '../application/work-order-service';
import { OpenWorkOrderBody, WorkOrderIdParam, WorkOrderQuery } from './work-order.dto';
import { omit } from '../../shared/domain/objects';

const id = new ZodValidationPipe(WorkOrderIdParam);
const staff = ['intake-clerk', 'calibrator', 'checker', 'authorised-signatory', 'technical-manager', 'quality-supervisor', 'administrator', 'regulator'] as const;
/** Issue 9: a customer reads its own orders and items; the database shows it no others (customer-scope policies). */
const readers = [...staff, 'customer'] as const;

@Controller('work-orders')
export class WorkOrdersController {
  constructor(
    private readonly workOrders: WorkOrderService,
    private readonly dispatching: DispatchService,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'administrator')
  open(@Body(new ZodValidationPipe(OpenWorkOrderBody)) body: z.infer<typeof OpenWorkOrderBody>, @CurrentCaller() caller: Caller) {
    return this.workOrders.open(body, caller);
  }

  /** queries: work orders by contract, section, status, customer. */
  @Get()
  @RequireRoles(...readers)
  async list(@Query(new ZodValidationPipe(WorkOrderQuery)) query: z.infer<typeof WorkOrderQuery>, @CurrentCaller() caller: Caller) {
    const { rows, total } = await this.dispatching.list(omit(query, 'page', 'pageSize'), query.pageSize, offsetOf(query), caller);
    return page(rows, total, query);
  }

  @Get(':id')
  @RequireRoles(...readers)
  get(@Param('id', id) workOrderId: string, @CurrentCaller() caller: Caller) {
    return this.workOrders.get(workOrderId, caller);
  }

  /** task dispatch to the work order's lab section. */
  @Post(':id/dispatch')
  @HttpCode(200)
  @RequireRoles('intake-clerk', 'technical-manager', 'administrator')
  dispatch(@Param('id', id) workOrderId: string, @CurrentCaller() caller: Caller) {
    return this.dispatching.dispatch(workOrderId, caller);
  }
}

/** one item's status and its history, end to end. */
@Controller('items')
export class ItemStatusController {
  constructor(private readonly dispatching: DispatchService) {}

  @Get(':id/status')
  @RequireRoles(...readers)
  status(@Param('id', id) itemId: string, @CurrentCaller() caller: Caller) {
    return this.dispatching.itemHistory(itemId, caller);
  }
}
