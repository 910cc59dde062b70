import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxRelay } from '../messaging/outbox-relay';
import { inTenantTransaction } from './tenant-scope';

/**
 * One use case = one tenant transaction (row-level security set to the caller's institution), with
 * the outbox relay woken after commit so the events it wrote leave at once instead of at the next poll.
 */
@Injectable()
export class TenantTransactions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(tenant: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await inTenantTransaction(this.dataSource, tenant, work);
    this.relay.wake();
    return result;
  }

  /** Reads need no relay wake-up. */
  read<T>(tenant: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.dataSource, tenant, work);
  }

  /** The institutions a sweeper visits, for services that keep a `tenant_directory` table. */
  async tenants(): Promise<string[]> {
    return (await this.dataSource.query(`select tenant_id from tenant_directory order by tenant_id`)).map((r: { tenant_id: string }) => r.tenant_id);
  }
}
