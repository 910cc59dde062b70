import { ServiceDataSourceSpec } from '@calchain/platform';
import { Certificates1764900000100 } from './migrations/1764900000100-certificates';
import { DecisionRuleSource1765000000100 } from './migrations/1765000000100-decision-rule-source';
import { CustomerX509AccessLog1765200000100 } from './migrations/1765200000100-customer-x509-access-log';

/** The certificates schema; repositories speak SQL through the transaction's EntityManager (no floats, no entities). */
export const certificatesPersistence: ServiceDataSourceSpec = {
  entities: [],
  migrations: [Certificates1764900000100, DecisionRuleSource1765000000100, CustomerX509AccessLog1765200000100],
};
