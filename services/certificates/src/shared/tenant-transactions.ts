import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inTenantTransaction, OutboxRelay } from '@calchain/platform';

/**
 * One use case = one tenant transaction (row-level security set), with the outbox relay woken
 * after commit so the events it wrote leave at once instead of at the next poll.
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
}
