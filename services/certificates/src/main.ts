import { runService } from '@calchain/platform';
import { CertificatesModule } from './certificates.module';
import { certificatesPersistence } from './infrastructure/persistence';

runService({ name: 'certificates', defaultPort: 3003, persistence: certificatesPersistence, module: (config) => CertificatesModule.register(config) });
