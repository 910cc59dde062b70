import { ServiceDataSourceSpec } from '@calchain/platform';
import { RawRecords1764100000200 } from './migrations/1764100000200-raw-records';
import { RecordChain1764400000100 } from './migrations/1764400000100-record-chain';

export const recordsPersistence: ServiceDataSourceSpec = {
  entities: [],
  migrations: [RawRecords1764100000200, RecordChain1764400000100],
};
