import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Caller, Outbox, LabCalendar, TenantTransactions } from '@calchain/platform';
import { RECORDS_SETTINGS, RecordsSettings } from '../../shared/records-config';
import { CheckpointClaim, verifyChain } from './chain-verifier';
import { Journals, writeCheckpoint } from './journal';
import { adoptRecord } from '../../raw-records/infrastructure/record-store';

/** Verification and checkpoints of the institutions' record chains (R-6.3.4, R-7.2). */
@Injectable()
export class ChainService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RecordChain');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tx: TenantTransactions,
    private readonly outbox: Outbox,
    private readonly journals: Journals,
    private readonly calendar: LabCalendar,
    @Inject(RECORDS_SETTINGS) private readonly settings: RecordsSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.adoptLegacyRecords().catch((e) => this.logger.warn(`adopting records created before the journal: ${e}`));
    if (this.settings.RECORDS_CHECKPOINT_MS > 0) {
      this.timer = setInterval(() => void this.checkpointAll().catch((e) => this.logger.warn(`checkpoint round: ${e}`)), this.settings.RECORDS_CHECKPOINT_MS);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  verify(caller: Caller, external: readonly CheckpointClaim[] = []) {
    return this.tx.read(caller.tenant, (em) => verifyChain(em, caller.tenant, external, this.calendar.now()));
  }

  checkpoint(caller: Caller) {
    return this.tx.run(caller.tenant, (em) => writeCheckpoint(em, caller.tenant, this.outbox, this.calendar.now()));
  }

  checkpoints(caller: Caller) {
    return this.tx.read(caller.tenant, (em) =>
      em.query(
        `select id as "checkpointId", from_seq::int as "fromSequence", to_seq::int as "toSequence", entry_count as "entryCount", head_hash as "headHash",
                merkle_root as "merkleRoot", previous_checkpoint_id as "previousCheckpointId", created_at as "createdAt"
           from chain_checkpoint order by to_seq`,
      ),
    );
  }

  /** Every institution whose chain moved since its last checkpoint gets one. */
  async checkpointAll(): Promise<number> {
    let written = 0;
    for (const tenant of await this.tx.tenants()) {
      if (await this.tx.run(tenant, (em) => writeCheckpoint(em, tenant, this.outbox, this.calendar.now()))) written++;
    }
    return written;
  }

  /**
   * Raw records created before the journal existed (the first slice) are adopted once: each gets
   * its `created` entry, marked adopted, so every record is in the chain.
   */
  private async adoptLegacyRecords(): Promise<void> {
    for (const tenant of await this.tx.tenants()) {
      await this.tx.run(tenant, async (em) => {
        const rows = await em.query(`select * from raw_record where current_version = 0 order by created_at, id`);
        if (rows.length === 0) return;
        const journal = await this.journals.open(em, tenant);
        for (const r of rows) {
          const year = (r.created_at as Date).getUTCFullYear();
          const [seq] = await em.query(
            `insert into record_number_seq (tenant_id, year, last) values ($1, $2, 1) on conflict (tenant_id, year) do update set last = record_number_seq.last + 1 returning last`,
            [tenant, year],
          );
          await adoptRecord(journal, r.id, {
            workOrderId: r.work_order_id, orderNumber: r.order_number, recordNumber: `RR-${year}-${String(seq.last).padStart(6, '0')}`, customerId: null,
            placeOfWork: 'lab', itemId: r.item_id, description: r.description, serialNumber: r.serial_number, serviceKind: r.service_kind, methodCode: r.method_code,
            nominalRange: null, sourceEventId: r.source_event_id, remeasurementOf: null, adopted: true,
          }, 'system:records', r.created_at);
        }
        await journal.finish(this.calendar.now());
        this.logger.log(`adopted ${rows.length} raw record(s) of ${tenant} into the journal`);
      });
    }
  }
}
