import { Module } from '@nestjs/common';
import { SupervisionModule } from '../supervision/supervision.module';
import { RemeasurementController } from './api/remeasurement.controller';
import { RemeasurementService } from './application/remeasurement-service';
import { RecordApprovedHandler, SuspiciousDataDetectedHandler } from './infrastructure/remeasurement.handlers';

@Module({
  imports: [SupervisionModule],
  controllers: [RemeasurementController],
  providers: [RemeasurementService, SuspiciousDataDetectedHandler, RecordApprovedHandler],
  exports: [RemeasurementService],
})
export class RemeasurementModule {}
