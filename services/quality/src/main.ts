import { runService } from '@calchain/platform';
import { QualityModule } from './quality.module';

runService({ name: 'quality', defaultPort: 3005, persistence: { entities: [], migrations: [] }, module: QualityModule.register });
