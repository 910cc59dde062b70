import { Module } from '@nestjs/common';
import { WorkOrdersModule } from '../work-orders/work-orders.module';
import { ItemHandlingController, ItemIntakesController } from './api/item-handling.controller';
import { ItemHandlingService } from './application/item-handling-service';

@Module({ imports: [WorkOrdersModule], controllers: [ItemHandlingController, ItemIntakesController], providers: [ItemHandlingService] })
export class ItemHandlingModule {}
