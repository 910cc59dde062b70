import { Module } from '@nestjs/common';
import { WorkOrdersController } from './api/work-orders.controller';
import { WorkOrderService } from './application/work-order-service';

@Module({ controllers: [WorkOrdersController], providers: [WorkOrderService] })
export class WorkOrdersModule {}
