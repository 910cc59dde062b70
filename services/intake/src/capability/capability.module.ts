import { Module } from '@nestjs/common';
import { CapabilityController } from './api/capability.controller';
import { CAPABILITY_READ_MODEL } from './application/capability-read-model.port';
import { capabilityHandlers } from './infrastructure/capability-handlers';
import { PgCapabilityReadModel } from './infrastructure/pg-capability-read-model';

@Module({
  controllers: [CapabilityController],
  providers: [...capabilityHandlers, { provide: CAPABILITY_READ_MODEL, useClass: PgCapabilityReadModel }],
  exports: [CAPABILITY_READ_MODEL],
})
export class CapabilityModule {}
