import { runService } from '@calchain/platform';
import { qualityPersistence } from './infrastructure/persistence';
import { QualityModule } from './quality.module';

runService({ name: 'quality', defaultPort: 3005, persistence: qualityPersistence, module: (config) => QualityModule.register(config) });
