import { runService } from '@calchain/platform';
import { CertificatesModule } from './certificates.module';

runService({ name: 'certificates', defaultPort: 3003, persistence: { entities: [], migrations: [] }, module: CertificatesModule.register });
