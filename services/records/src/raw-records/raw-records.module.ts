import { Module } from '@nestjs/common';
import { RawRecordsController } from './api/raw-records.controller';
import { RawRecordQueries } from './application/raw-record-queries';
import { WorkOrderCreatedHandler } from './infrastructure/work-order-created.handler';

@Module({ controllers: [RawRecordsController], providers: [RawRecordQueries, WorkOrderCreatedHandler] })
export class RawRecordsModule {}
