import { ServiceDataSourceSpec } from '@calchain/platform';
import { TenancyRegistry1764300000100 } from './migrations/1764300000100-tenancy-registry';
import { CustomerMembership1764300000200 } from './migrations/1764300000200-customer-membership';

export const gatewayPersistence: ServiceDataSourceSpec = { entities: [], migrations: [TenancyRegistry1764300000100, CustomerMembership1764300000200] };
