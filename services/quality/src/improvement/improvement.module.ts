import { Module } from '@nestjs/common';
import { ImprovementController } from './api/improvement.controller';
import { ImprovementService } from './application/improvement-service';
import { IntermediateCheckFailedHandler } from './infrastructure/intermediate-check-failed.handler';

@Module({ controllers: [ImprovementController], providers: [ImprovementService, IntermediateCheckFailedHandler], exports: [ImprovementService] })
export class ImprovementModule {}
