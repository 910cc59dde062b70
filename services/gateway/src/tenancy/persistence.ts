import { ServiceDataSourceSpec } from '@calchain/platform';
import { TenancyRegistry1764300000100 } from './migrations/1764300000100-tenancy-registry';

export const gatewayPersistence: ServiceDataSourceSpec = { entities: [], migrations: [TenancyRegistry1764300000100] };
