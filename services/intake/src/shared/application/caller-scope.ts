import { DataSource, EntityManager } from 'typeorm';
import { Caller, inTenantTransaction } from '@calchain/platform';

/** Matches no customer id: a customer caller whose token names no customer sees nothing. */
const NO_CUSTOMER = '(no customer)';

/**
 * A tenant transaction narrowed to the caller: for a caller with the customer role, the
 * `calchain.customer` setting makes the database's customer-scope policies (migration
 * 1764100000900) show only that customer's rows — so a customer never reads another customer's
 * order, contract or item, whatever the query (issue 9; ). The customer role
 * narrows even when the person holds other roles too: the safer reading.
 */
export function inCallerTransaction<T>(dataSource: DataSource, caller: Caller, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (!caller.roles.includes('customer')) return inTenantTransaction(dataSource, caller.tenant, work);
  return inTenantTransaction(dataSource, caller.tenant, async (em) => {
    await em.query(`select set_config('calchain.customer', $1, true)`, [caller.customerId ?? NO_CUSTOMER]);
    return work(em);
  });
}
