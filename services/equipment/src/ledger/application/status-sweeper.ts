import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EQUIPMENT_SETTINGS, EquipmentSettings } from '../../shared/equipment-config';
import { LabCalendar, TenantTransactions } from '@calchain/platform';
import { ScopePublisher } from '../../standards/application/scope-publisher';
import { MeasurementStandardRepository } from '../../standards/infrastructure/measurement-standard.repository';
import { MethodPublisher } from '../../methods/application/method-publisher';
import { StatusPublisher } from './status-publisher';

/**
 * R-5.3.2 "due and overdue computed daily": time alone changes statuses (a due date passes, a
 * standard's certificate expires), so every institution's ledger is re-derived on a schedule and
 * each change announced. Idempotent: a sweep that finds nothing new announces nothing.
 */
@Injectable()
export class StatusSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StatusSweeper');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly tx: TenantTransactions,
    private readonly calendar: LabCalendar,
    private readonly status: StatusPublisher,
    private readonly scopes: ScopePublisher,
    private readonly methods: MethodPublisher,
    @Inject(EQUIPMENT_SETTINGS) private readonly settings: EquipmentSettings,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.settings.EQUIPMENT_STATUS_SWEEP_MS;
    if (every <= 0) return;
    const tick = () => {
      this.running = this.sweepAll().catch((error) => this.logger.error({ error: (error as Error).message }, 'status sweep failed'));
    };
    this.timer = setInterval(tick, every);
    this.timer.unref();
    setTimeout(tick, 1000).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One institution at a time, one transaction each: a failing institution does not hold up the rest. */
  async sweepAll(): Promise<{ tenant: string; changed: number }[]> {
    const results: { tenant: string; changed: number }[] = [];
    for (const tenant of await this.tx.tenants()) results.push(await this.sweep(tenant));
    return results;
  }

  async sweep(tenant: string): Promise<{ tenant: string; changed: number }> {
    const today = this.calendar.today();
    return this.tx.run(tenant, async (em) => {
      const changed = await this.status.refresh(em, tenant, today, null);
      await this.scopes.refresh(em, tenant, today, await new MeasurementStandardRepository(em).ids());
      await this.methods.refresh(em, tenant, today, null);
      return { tenant, changed: changed.length };
    });
  }
}
