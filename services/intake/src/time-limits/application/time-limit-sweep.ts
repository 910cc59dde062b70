import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTenantTransaction, Outbox, OutboxRelay, LabCalendar } from '@calchain/platform';
import { knownTenants } from '../../shared/application/tenant-directory';
import { INTAKE_SETTINGS, IntakeSettings } from '../../shared/intake-settings';
import { announcementFor, readClock } from '../domain/time-limit';
import { TimeLimitRepository } from '../infrastructure/time-limit.repository';

export interface SweepResult {
  checked: number;
  atRisk: number;
  breached: number;
  announcedAtRisk: number;
  announcedBreached: number;
}

/**
 * the clock per item: finds items about to breach and breached, tells each state once
 * (intake.item.time-limit-at-risk / -breached, in the transaction that records the announcement)
 * and keeps the gauges for /time-limits/metrics. Runs on a schedule for every institution and on
 * demand for one.
 */
@Injectable()
export class TimeLimitSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TimeLimitSweep');
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  readonly gauges = new Map<string, { atRisk: number; breached: number; open: number }>();
  readonly announced = { atRisk: 0, breached: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly relay: OutboxRelay,
    private readonly time: LabCalendar,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.settings.INTAKE_TIME_LIMIT_SWEEP_MS;
    if (every > 0) {
      const round = () => {
        if (!this.running) this.running = this.sweepAll().finally(() => (this.running = undefined));
      };
      // A first round soon after start, so the gauges are filled without waiting a whole interval.
      this.first = setTimeout(round, Math.min(every, 5000));
      this.first.unref();
      this.timer = setInterval(round, every);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.first) clearTimeout(this.first);
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async sweepAll(): Promise<void> {
    try {
      const tenants = await this.dataSource.transaction((em) => knownTenants(em));
      for (const tenant of tenants) await this.sweep(tenant);
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'time-limit sweep failed; next round retries');
    }
  }

  async sweep(tenant: string): Promise<SweepResult> {
    const result = await inTenantTransaction(this.dataSource, tenant, async (em) => {
      const repository = new TimeLimitRepository(em);
      const calendar = await repository.calendar();
      const today = this.time.today();
      const now = this.time.now().toISOString();
      const counts: SweepResult = { checked: 0, atRisk: 0, breached: 0, announcedAtRisk: 0, announcedBreached: 0 };
      for (const promise of await repository.openPromisesForUpdate()) {
        counts.checked++;
        const reading = readClock(promise, today, calendar, this.settings.INTAKE_AT_RISK_WORKING_DAYS);
        if (reading.state === 'at-risk') counts.atRisk++;
        if (reading.state === 'breached') counts.breached++;
        const announce = announcementFor(reading, promise.announced);
        if (!announce) continue;
        await repository.markAnnounced(promise.itemId, announce);
        if (announce === 'breached') {
          counts.announcedBreached++;
          await this.outbox.add(em, {
            type: 'intake.item.time-limit-breached',
            tenant,
            aggregateId: promise.itemId,
            payload: { itemId: promise.itemId, contractId: promise.contractId, promisedDate: promise.promisedDate, workingDaysOverdue: reading.workingDaysOverdue, detectedAt: now },
          });
        } else {
          counts.announcedAtRisk++;
          await this.outbox.add(em, {
            type: 'intake.item.time-limit-at-risk',
            tenant,
            aggregateId: promise.itemId,
            payload: { itemId: promise.itemId, contractId: promise.contractId, promisedDate: promise.promisedDate, workingDaysLeft: reading.workingDaysLeft, detectedAt: now },
          });
        }
      }
      return counts;
    });
    this.gauges.set(tenant, { atRisk: result.atRisk, breached: result.breached, open: result.checked });
    this.announced.atRisk += result.announcedAtRisk;
    this.announced.breached += result.announcedBreached;
    if (result.announcedAtRisk + result.announcedBreached > 0) this.relay.wake();
    return result;
  }

  /** Prometheus text exposition of the time-limit gauges (ops dashboards: turnaround vs promise). */
  metrics(): string {
    const lines = [
      '# HELP intake_items_at_risk Items about to breach their promised date (R-6.2.6), as of the last sweep.',
      '# TYPE intake_items_at_risk gauge',
      ...[...this.gauges].map(([t, g]) => `intake_items_at_risk{institution="${t}"} ${g.atRisk}`),
      '# HELP intake_items_breached Items past their promised date and not done (R-6.2.6), as of the last sweep.',
      '# TYPE intake_items_breached gauge',
      ...[...this.gauges].map(([t, g]) => `intake_items_breached{institution="${t}"} ${g.breached}`),
      '# HELP intake_items_open_promises Items whose time-limit clock runs, as of the last sweep.',
      '# TYPE intake_items_open_promises gauge',
      ...[...this.gauges].map(([t, g]) => `intake_items_open_promises{institution="${t}"} ${g.open}`),
      '# HELP intake_time_limit_announcements_total At-risk and breach events emitted by this process.',
      '# TYPE intake_time_limit_announcements_total counter',
      `intake_time_limit_announcements_total{state="at-risk"} ${this.announced.atRisk}`,
      `intake_time_limit_announcements_total{state="breached"} ${this.announced.breached}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
