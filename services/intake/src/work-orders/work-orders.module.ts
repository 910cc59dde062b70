import { Module } from '@nestjs/common';
import { ItemStatusController, WorkOrdersController } from './api/work-orders.controller';
import { DispatchService } from './application/dispatch-service';
import { ItemProgress } from './application/item-progress';
import { WorkOrderService } from './application/work-order-service';
import { progressHandlers } from './infrastructure/progress-handlers';

@Module({ controllers: [WorkOrdersController, ItemStatusController], providers: [WorkOrderService, DispatchService, ItemProgress, ...progressHandlers], exports: [ItemProgress] })
export class WorkOrdersModule {}
