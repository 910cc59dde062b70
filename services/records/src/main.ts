import { runService } from '@calchain/platform';
import { RecordsModule } from './records.module';
import { recordsPersistence } from './infrastructure/persistence';

runService({ name: 'records', defaultPort: 3002, persistence: recordsPersistence, module: RecordsModule.register });
