import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QUALITY_CONFIG, QualityConfig } from '../config/quality-config';
import { ComplaintService } from '../complaints/application/complaint-service';
import { PersonnelService } from '../personnel/application/personnel-service';
import { UnitOfWork } from '../shared/application/unit-of-work';

export interface SweepOutcome {
  tenant: string;
  skipped: boolean;
  lapsedAuthorisations: number;
  breachedComplaints: number;
}

/**
 * Things that happen because a day passed, not because someone did something: authorisations
 * lapse at their end date or the age limit, item staffing follows,
 * complaints open past their time limit are recorded as breached.
 * Runs every QUALITY_SWEEP_INTERVAL_MS for every institution, each under its own tenant scope,
 * and on demand. A transaction-scoped advisory lock per institution keeps replicas from sweeping
 * the same institution at once; every step is idempotent, so a repeated sweep changes nothing.
 */
@Injectable()
export class SweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('QualitySweep');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly personnel: PersonnelService,
    private readonly complaints: ComplaintService,
    @Inject(QUALITY_CONFIG) private readonly config: QualityConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.runAll().finally(() => (this.running = undefined));
    }, this.config.QUALITY_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async runAll(): Promise<SweepOutcome[]> {
    const tenants: { id: string }[] = await this.dataSource.query(`select institution_id as id from known_institution order by 1`);
    const outcomes: SweepOutcome[] = [];
    for (const { id } of tenants) {
      try {
        outcomes.push(await this.runFor(id));
      } catch (error) {
        this.logger.warn({ tenant: id, error: (error as Error).message }, 'sweep failed for an institution; retried next round');
      }
    }
    return outcomes;
  }

  runFor(tenant: string): Promise<SweepOutcome> {
    return this.uow.run(tenant, async (em) => {
      const [{ locked }] = await em.query(`select pg_try_advisory_xact_lock(hashtext('calchain.quality.sweep.' || $1)) as locked`, [tenant]);
      if (!locked) return { tenant, skipped: true, lapsedAuthorisations: 0, breachedComplaints: 0 };
      const lapsedAuthorisations = await this.personnel.lapseIn(em, tenant);
      const breachedComplaints = await this.complaints.detectBreachesIn(em, tenant);
      return { tenant, skipped: false, lapsedAuthorisations, breachedComplaints };
    });
  }
}
