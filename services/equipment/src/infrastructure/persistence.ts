import { ServiceDataSourceSpec } from '@calchain/platform';
import { EquipmentLedger1764200000100 } from './migrations/1764200000100-equipment-ledger';
import { MeasurementStandards1764200000200 } from './migrations/1764200000200-measurement-standards';
import { Methods1764200000300 } from './migrations/1764200000300-methods';
import { Environment1764200000400 } from './migrations/1764200000400-environment';

/**
 * The equipment schema. Repositories speak SQL through the transaction's EntityManager (numeric
 * and date columns are read as text, so no value ever passes through a JS float or a local-time
 * Date), hence no TypeORM entity classes.
 */
export const equipmentPersistence: ServiceDataSourceSpec = {
  entities: [],
  migrations: [EquipmentLedger1764200000100, MeasurementStandards1764200000200, Methods1764200000300, Environment1764200000400],
};
