import { runService } from '@calchain/platform';
import { IntakeModule } from './intake.module';
import { intakePersistence } from './infrastructure/persistence';

runService({ name: 'intake', defaultPort: 3001, persistence: intakePersistence, module: IntakeModule.register });
