import { runService } from '@calchain/platform';
import { EquipmentModule } from './equipment.module';
import { equipmentPersistence } from './infrastructure/persistence';

runService({ name: 'equipment', defaultPort: 3004, persistence: equipmentPersistence, module: (config) => EquipmentModule.register(config) });
