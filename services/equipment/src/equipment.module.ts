import { DynamicModule, Module } from '@nestjs/common';
import { ApiDocsModule, PlatformModule, ServiceConfig, provideLabCalendar, TenantTransactions } from '@calchain/platform';
import { equipmentTopics } from '@calchain/contracts';
import { equipmentPersistence } from './infrastructure/persistence';
import { equipmentBusinessMetrics } from './infrastructure/business-metrics';
import { Clock, CLOCK, systemClock } from './shared/clock';
import { EQUIPMENT_SETTINGS, EquipmentSettings, loadEquipmentSettings } from './shared/equipment-config';
import { EquipmentController } from './ledger/api/equipment.controller';
import { PlansController } from './ledger/api/plans.controller';
import { EquipmentRegulatorSummaryController } from './ledger/api/regulator-summary.controller';
import { EquipmentRegulatorSummary } from './ledger/application/regulator-summary';
import { CalibrationPlanService } from './ledger/application/calibration-plan.service';
import { CalibrationService } from './ledger/application/calibration.service';
import { EquipmentLedgerService } from './ledger/application/equipment-ledger.service';
import { IntermediateCheckService } from './ledger/application/intermediate-check.service';
import { StatusPublisher } from './ledger/application/status-publisher';
import { StatusSweeper } from './ledger/application/status-sweeper';
import { TraceabilityService } from './ledger/application/traceability.service';
import { PublicStandardsController, StandardsController } from './standards/api/standards.controller';
import { MeasurementStandardService } from './standards/application/measurement-standard.service';
import { ScopePublisher } from './standards/application/scope-publisher';
import { MethodsController } from './methods/api/methods.controller';
import { MethodLibraryService } from './methods/application/method-library.service';
import { MethodPublisher } from './methods/application/method-publisher';
import { EnvironmentController, RoomsController } from './environment/api/environment.controller';
import { EnvironmentService } from './environment/application/environment.service';
import { LabelsController } from './labels/api/labels.controller';
import { LabelService } from './labels/application/label.service';

export interface EquipmentModuleOptions {
  /** Tests pass a controllable clock; production uses the system clock. */
  clock?: Clock;
  settings?: Partial<EquipmentSettings>;
}

/**
 * The equipment service: equipment ledger and status, calibration
 * plans, traceability, intermediate checks and confirmation, measurement standards and scope,
 * method library, rooms and environmental monitoring, status labels.
 */
@Module({})
export class EquipmentModule {
  static register(config: ServiceConfig, options: EquipmentModuleOptions = {}): DynamicModule {
    const settings = { ...loadEquipmentSettings(), ...options.settings };
    return {
      module: EquipmentModule,
      imports: [
        PlatformModule.forRoot({ config, ...equipmentPersistence, producesTo: equipmentTopics }),
        ApiDocsModule.forService({
          title: 'CalChain equipment service',
          description:
            'Equipment ledger and status, calibration plans, metrological traceability and confirmation, intermediate checks, ' +
            'measurement standards and authorised scope, method library, rooms and environmental monitoring, status labels ' +
            '(R-4.1.2, R-5.2, R-5.3, R-5.4, R-5.5.3, R-5.5.4, R-7.1.2).',
        }),
      ],
      controllers: [EquipmentController, PlansController, StandardsController, PublicStandardsController, MethodsController, RoomsController, EnvironmentController, LabelsController, EquipmentRegulatorSummaryController],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: EQUIPMENT_SETTINGS, useValue: settings },
        provideLabCalendar(EQUIPMENT_SETTINGS, (s: EquipmentSettings) => s.EQUIPMENT_TIME_ZONE),
        TenantTransactions,
        EquipmentRegulatorSummary,
        StatusPublisher,
        StatusSweeper,
        EquipmentLedgerService,
        CalibrationService,
        CalibrationPlanService,
        TraceabilityService,
        IntermediateCheckService,
        ScopePublisher,
        MeasurementStandardService,
        MethodPublisher,
        MethodLibraryService,
        EnvironmentService,
        LabelService,
        equipmentBusinessMetrics,
      ],
    };
  }
}
