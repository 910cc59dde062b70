import { runService } from '@calchain/platform';
import { EquipmentModule } from './equipment.module';

runService({ name: 'equipment', defaultPort: 3004, persistence: { entities: [], migrations: [] }, module: EquipmentModule.register });
