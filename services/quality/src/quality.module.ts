import { DynamicModule, Module } from '@nestjs/common';
import { qualityTopics } from '@calchain/contracts';
import { ApiDocsModule, PlatformModule, ServiceConfig } from '@calchain/platform';
import { AuditsModule } from './audits/audits.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { loadQualityConfig } from './config/quality-config';
import { DocumentsModule } from './documents/documents.module';
import { ImprovementModule } from './improvement/improvement.module';
import { IntermediateCheckFailedHandler } from './improvement/infrastructure/intermediate-check-failed.handler';
import { qualityPersistence } from './infrastructure/persistence';
import { qualityBusinessMetrics } from './infrastructure/business-metrics';
import { ManagementReviewModule } from './management-review/management-review.module';
import { PersonnelModule } from './personnel/personnel.module';
import { QualityControlModule } from './quality-control/quality-control.module';
import { RegulatorSummaryModule } from './regulator-summary/regulator-summary.module';
import { RemeasurementModule } from './remeasurement/remeasurement.module';
import { RecordApprovedHandler, SuspiciousDataDetectedHandler } from './remeasurement/infrastructure/remeasurement.handlers';
import { Clock, systemClock } from './shared/application/clock';
import { SharedModule } from './shared/shared.module';
import { CertificateIssuedHandler } from './supervision/infrastructure/certificate-issued.handler';
import { SupervisionModule } from './supervision/supervision.module';
import { ItemReturnedHandler } from './satisfaction/infrastructure/item-returned.handler';
import { SatisfactionModule } from './satisfaction/satisfaction.module';
import { SweepModule } from './sweeps/sweep.module';

export interface QualityOverrides {
  /** Tests move time with their own clock; production uses the system clock. */
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
}

/**
 * The quality service: where the institution
 * watches itself. Its own configuration (QUALITY_DATA_KEY …) is validated here, so a missing key
 * stops the service at start with the variable named.
 */
@Module({})
export class QualityModule {
  static register(config: ServiceConfig, overrides: QualityOverrides = {}): DynamicModule {
    const quality = loadQualityConfig(overrides.env ?? process.env);
    return {
      module: QualityModule,
      imports: [
        PlatformModule.forRoot({ config, ...qualityPersistence, producesTo: qualityTopics, eventHandlers: [IntermediateCheckFailedHandler, SuspiciousDataDetectedHandler, RecordApprovedHandler, CertificateIssuedHandler, ItemReturnedHandler] }),
        SharedModule.register(quality, overrides.clock ?? systemClock),
        ApiDocsModule.forService({
          title: 'CalChain quality service',
          description:
            'Personnel and authorisations, complaints, findings and corrective actions, proficiency testing, control charts, ' +
            'document control, supervision, re-measurement, customer satisfaction, internal audits and the management-review pack ' +
            '(R-4.2, R-5.1, R-5.5.1, R-5.5.2, R-7.1.3, R-8, R-9).',
        }),
        ImprovementModule,
        PersonnelModule,
        ComplaintsModule,
        QualityControlModule,
        DocumentsModule,
        SupervisionModule,
        RemeasurementModule,
        SatisfactionModule,
        AuditsModule,
        ManagementReviewModule,
        SweepModule,
        RegulatorSummaryModule,
      ],
      providers: [qualityBusinessMetrics],
    };
  }
}
