import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, inTenantTransaction, ProblemException } from '@calchain/platform';
import { RawRecord } from '../domain/raw-record';
import { RawRecordEntity } from '../infrastructure/raw-record.entity';

/** find records by order or item; tenant isolation comes from row-level security. */
@Injectable()
export class RawRecordQueries {
  constructor(private readonly dataSource: DataSource) {}

  search(caller: Caller, filter: { workOrderId?: string; itemId?: string }): Promise<RawRecord[]> {
    return inTenantTransaction(this.dataSource, caller.tenant, (em) =>
      em.find(RawRecordEntity, { where: { ...filter }, order: { createdAt: 'ASC', id: 'ASC' }, take: 1000 }),
    );
  }

  async get(caller: Caller, id: string): Promise<RawRecord> {
    const record = await inTenantTransaction(this.dataSource, caller.tenant, (em) => em.findOneBy(RawRecordEntity, { id }));
    if (!record) throw ProblemException.notFound('Raw record', id);
    return record;
  }
}
