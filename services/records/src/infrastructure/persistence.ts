import { ServiceDataSourceSpec } from '@calchain/platform';
import { RawRecordEntity } from '../raw-records/infrastructure/raw-record.entity';
import { RawRecords1764100000200 } from './migrations/1764100000200-raw-records';

export const recordsPersistence: ServiceDataSourceSpec = {
  entities: [RawRecordEntity],
  migrations: [RawRecords1764100000200],
};
