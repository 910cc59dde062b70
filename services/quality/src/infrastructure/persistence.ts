import { ServiceDataSourceSpec } from '@calchain/platform';
import { Personnel1764300000100 } from './migrations/1764300000100-personnel';
import { Improvement1764300000200 } from './migrations/1764300000200-improvement';
import { Complaints1764300000300 } from './migrations/1764300000300-complaints';
import { QualityControl1764300000400 } from './migrations/1764300000400-quality-control';
import { Documents1764300000500 } from './migrations/1764300000500-documents';
import { Remeasurement1764300000600 } from './migrations/1764300000600-remeasurement';
import { Supervision1764300000700 } from './migrations/1764300000700-supervision';
import { Satisfaction1764300000800 } from './migrations/1764300000800-satisfaction';
import { InternalAudits1764300000900 } from './migrations/1764300000900-internal-audits';
import { ComplaintPolicyContacts1764300001000 } from './migrations/1764300001000-complaint-policy-contacts';

/** The quality schema. Repositories speak SQL through the transaction's EntityManager, so there are no mapped entities. */
export const qualityPersistence: ServiceDataSourceSpec = {
  entities: [],
  migrations: [
    Personnel1764300000100, Improvement1764300000200, Complaints1764300000300, QualityControl1764300000400, Documents1764300000500, Remeasurement1764300000600,
    Supervision1764300000700, Satisfaction1764300000800, InternalAudits1764300000900, ComplaintPolicyContacts1764300001000,
  ],
};
