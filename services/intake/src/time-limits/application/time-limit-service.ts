import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, inTenantTransaction, ProblemException, LabCalendar } from '@calchain/platform';
import { enforcingRules } from '../../shared/application/problems';
import { rememberTenant } from '../../shared/application/tenant-directory';
import { IsoDate } from '@calchain/platform/calendar';
import { INTAKE_SETTINGS, IntakeSettings } from '../../shared/intake-settings';
import { checkReviewDate, nextReviewDue, readClock, reviewOverdue, TimeLimitEntry } from '../domain/time-limit';
import { CalendarDay, DisclosureDocument, FeeEntry, PromiseRow, TimeLimitRepository, TimeLimitRow } from '../infrastructure/time-limit.repository';
import { omit } from '../../shared/domain/objects';

export interface PublishedDocument<T> {
  institution: string;
  entries: T[];
  lastReviewedOn: IsoDate | null;
  nextReviewDue: IsoDate | null;
  reviewOverdue: boolean;
  lastChangedAt: Date | null;
}

/** Use cases of the published fee schedule, time-limit table and working calendar. */
@Injectable()
export class TimeLimitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly time: LabCalendar,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  private tx<T>(tenant: string, work: (repository: TimeLimitRepository) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.dataSource, tenant, (em) => work(new TimeLimitRepository(em)));
  }

  putFee(entry: Omit<FeeEntry, 'updatedAt'>, caller: Caller) {
    return this.tx(caller.tenant, async (r) => {
      await r.putFee(caller.tenant, entry, caller.subject, this.time.now());
      return (await r.fees()).find((f) => f.code === entry.code)!;
    });
  }

  putTimeLimit(entry: TimeLimitEntry & { note: string | null }, caller: Caller) {
    return this.tx(caller.tenant, async (r) => {
      await r.putTimeLimit(caller.tenant, entry, caller.subject, this.time.now());
      return (await r.table()).find((e) => e.serviceKind === entry.serviceKind && e.discipline === entry.discipline)!;
    });
  }

  putCalendarDay(day: CalendarDay, caller: Caller) {
    return this.tx(caller.tenant, async (r) => {
      await r.putCalendarDay(caller.tenant, day);
      return day;
    });
  }

  async deleteCalendarDay(day: IsoDate, caller: Caller): Promise<void> {
    const deleted = await this.tx(caller.tenant, (r) => r.deleteCalendarDay(day));
    if (!deleted) throw ProblemException.notFound('Calendar day', day);
  }

  calendarDays(from: IsoDate | null, to: IsoDate | null, caller: Caller) {
    return this.tx(caller.tenant, (r) => r.calendarDays(from, to));
  }

  /** records that a published document was checked and is current. */
  recordReview(document: DisclosureDocument, reviewedOn: IsoDate, note: string | null, caller: Caller) {
    return enforcingRules(() =>
      this.tx(caller.tenant, async (r) => {
        checkReviewDate(reviewedOn, (await r.lastReview(document))?.reviewedOn ?? null, this.time.today());
        await rememberTenant(r.em, caller.tenant);
        const id = await r.addReview(caller.tenant, document, reviewedOn, caller.subject, note, this.time.now());
        return { id, document, reviewedOn, reviewedBy: caller.subject, note };
      }),
    );
  }

  feeSchedule(tenant: string): Promise<PublishedDocument<Omit<FeeEntry, 'updatedAt'>>> {
    return this.tx(tenant, async (r) => this.published(tenant, 'fee-schedule', await r.fees(), r));
  }

  timeLimits(tenant: string): Promise<PublishedDocument<Omit<TimeLimitRow, 'updatedAt'>>> {
    return this.tx(tenant, async (r) => this.published(tenant, 'time-limits', await r.table(), r));
  }

  /** a published document with its last review, next review due and the overdue alarm. */
  private async published<T extends { updatedAt: Date }>(tenant: string, document: DisclosureDocument, rows: T[], r: TimeLimitRepository) {
    const last = await r.lastReview(document);
    const review = { lastReviewedOn: last?.reviewedOn ?? null, reviewIntervalDays: this.settings.INTAKE_DISCLOSURE_REVIEW_DAYS };
    const changed = rows.map((e) => new Date(e.updatedAt)).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    return {
      institution: tenant,
      entries: rows.map((entry) => omit(entry, 'updatedAt')),
      lastReviewedOn: review.lastReviewedOn,
      nextReviewDue: nextReviewDue(review),
      reviewOverdue: reviewOverdue(review, this.time.today()),
      lastChangedAt: changed,
    };
  }

  /** The clocks of items, read on the lab's today. */
  async promises(filter: { contractId?: string; open?: boolean }, page: { limit: number; offset: number }, caller: Caller) {
    return this.tx(caller.tenant, async (r) => {
      const calendar = await r.calendar();
      const { rows, total } = await r.listPromises(filter, page.limit, page.offset);
      const today = this.time.today();
      return { total, rows: rows.map((p) => withClock(p, today, calendar, this.settings.INTAKE_AT_RISK_WORKING_DAYS)) };
    });
  }
}

export function withClock(p: PromiseRow, today: IsoDate, calendar: Parameters<typeof readClock>[2], atRisk: number) {
  return { ...p, clock: readClock(p, today, calendar, atRisk) };
}
