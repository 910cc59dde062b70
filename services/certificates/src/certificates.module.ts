import { DynamicModule, Module } from '@nestjs/common';
import { certificatesTopics } from '@calchain/contracts';
import { ApiDocsModule, PlatformModule, ServiceConfig, TenantTransactions } from '@calchain/platform';
import { AmendmentsService } from './certificates/application/amendments.service';
import { DraftsService } from './certificates/application/drafts.service';
import { IssueService } from './certificates/application/issue.service';
import { DraftPreviewService } from './certificates/application/preview.service';
import { SigningReadinessService } from './certificates/application/signing-readiness.service';
import { TraceabilityService } from './certificates/application/traceability.service';
import { VerificationService } from './certificates/application/verification.service';
import { ArchiveAccessLogController, CertificateSettingsController, CertificatesController } from './certificates/api/certificates.controller';
import { PublicVerificationController } from './certificates/api/public.controller';
import {
  AuthorisationGrantedHandler, AuthorisationRevokedHandler, ContractAcceptedHandler, EquipmentStatusHandler, RecordApprovedHandler,
} from './certificates/infrastructure/event-handlers';
import { certificatesPersistence } from './infrastructure/persistence';
import { certificatesBusinessMetrics } from './infrastructure/business-metrics';
import { CERTIFICATE_SETTINGS, CertificateSettings, loadCertificateSettings } from './shared/settings';
import { KeyStore } from './certificates/infrastructure/key-store';

const eventHandlers = [RecordApprovedHandler, AuthorisationGrantedHandler, AuthorisationRevokedHandler, EquipmentStatusHandler, ContractAcceptedHandler];

/**
 * The certificates service (R-6.4.x, R-5.1.3, R-6.4.5, R-7.3.2): drafts from approved records,
 * content rules, gap-free numbering, signing, PDF / DCC XML / JSON, amendments, public
 * verification, reverse traceability and retention.
 */
@Module({})
export class CertificatesModule {
  static register(config: ServiceConfig, settings: Partial<CertificateSettings> = {}): DynamicModule {
    return {
      module: CertificatesModule,
      imports: [
        PlatformModule.forRoot({ config, ...certificatesPersistence, eventHandlers, producesTo: certificatesTopics }),
        ApiDocsModule.forService({
          title: 'CalChain certificates service',
          description:
            'Certificates and test reports from approved records: content rules, decision rules and conformity statements, ' +
            'gap-free numbering, signing by an authorised signatory with re-authentication, PDF, DCC XML and JSON, amendments and reissues, ' +
            'public verification, reverse traceability and archive retention (R-6.4, R-5.1.3, R-6.4.5, R-7.3.2).',
        }),
      ],
      controllers: [CertificatesController, CertificateSettingsController, PublicVerificationController, ArchiveAccessLogController],
      providers: [
        { provide: CERTIFICATE_SETTINGS, useValue: { ...loadCertificateSettings(), ...settings } },
        // One key store for signing and the readiness check, so both judge the same keys.
        { provide: KeyStore, useFactory: (s: CertificateSettings) => new KeyStore(s.keyDir, s.generateKeys), inject: [CERTIFICATE_SETTINGS] },
        TenantTransactions,
        DraftsService,
        IssueService,
        DraftPreviewService,
        SigningReadinessService,
        AmendmentsService,
        VerificationService,
        TraceabilityService,
        certificatesBusinessMetrics,
        ...eventHandlers,
      ],
    };
  }
}
