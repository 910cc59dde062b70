import { Module } from '@nestjs/common';
import { RegulatorSummaryController } from './api/regulator-summary.controller';
import { RegulatorSummary } from './application/regulator-summary';

@Module({ controllers: [RegulatorSummaryController], providers: [RegulatorSummary] })
export class RegulatorSummaryModule {}
