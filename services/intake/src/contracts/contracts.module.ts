import { Module } from '@nestjs/common';
import { CapabilityModule } from '../capability/capability.module';
import { WorkOrdersModule } from '../work-orders/work-orders.module';
import { ContractReviewsController, ContractsController } from './api/contracts.controller';
import { ContractService } from './application/contract-service';

@Module({ imports: [CapabilityModule, WorkOrdersModule], controllers: [ContractsController, ContractReviewsController], providers: [ContractService], exports: [ContractService] })
export class ContractsModule {}
