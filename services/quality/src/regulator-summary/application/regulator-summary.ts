import { Inject, Injectable } from '@nestjs/common';
import { Caller, LabCalendar } from '@calchain/platform';
import { QUALITY_CONFIG, QualityConfig } from '../../config/quality-config';
import { UnitOfWork } from '../../shared/application/unit-of-work';

type Count = { key: string; count: number };

/**
 * What a regulator may see of an institution's people and complaints (issue 9 capability 4):
 * counts only. Personnel counts per item carry no names, ids or registration numbers (R-5.1.1
 * without personal data); complaint statistics never touch the complainant, subject or
 * description — only status, category, month and the time-limit record.
 */
@Injectable()
export class RegulatorSummary {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly time: LabCalendar,
    @Inject(QUALITY_CONFIG) private readonly config: QualityConfig,
  ) {}

  personnelCounts(caller: Caller) {
    const today = this.time.today();
    return this.uow.read(caller.tenant, async (em) => {
      const items: { code: string; title: string | null; adequate: boolean; hasQualifiedResponsible: boolean; evaluatedOn: string | null }[] = await em.query(
        `select code, title, adequate, has_qualified_responsible as "hasQualifiedResponsible", evaluated_on::text as "evaluatedOn" from service_item order by code`,
      );
      // Active and in force today: a lapsed authorisation does not staff an item.
      const counts: { itemCode: string; role: string; persons: number }[] = await em.query(
        `select item_code as "itemCode", role, count(distinct person_id)::int as persons
           from authorisation where status = 'active' and valid_from <= $1 and valid_until >= $1 group by 1, 2 order by 1, 2`,
        [today],
      );
      const totals: { itemCode: string; persons: number }[] = await em.query(
        `select item_code as "itemCode", count(distinct person_id)::int as persons
           from authorisation where status = 'active' and valid_from <= $1 and valid_until >= $1 group by 1`,
        [today],
      );
      const codes = [...new Set([...items.map((i) => i.code), ...totals.map((t) => t.itemCode)])].sort();
      return {
        on: today,
        items: codes.map((code) => {
          const item = items.find((i) => i.code === code);
          return {
            itemCode: code,
            title: item?.title ?? null,
            authorisedPersons: totals.find((t) => t.itemCode === code)?.persons ?? 0,
            byRole: Object.fromEntries(counts.filter((c) => c.itemCode === code).map((c) => [c.role, c.persons])),
            adequate: item?.adequate ?? null,
            hasQualifiedResponsible: item?.hasQualifiedResponsible ?? null,
            evaluatedOn: item?.evaluatedOn ?? null,
          };
        }),
      };
    });
  }

  complaintStatistics(caller: Caller, range: { from: Date; to: Date }) {
    const zone = this.config.QUALITY_TIME_ZONE;
    return this.uow.read(caller.tenant, async (em) => {
      const where = `received_at >= $1 and received_at < $2`;
      const group = (column: string, extra: unknown[] = []): Promise<Count[]> =>
        em.query(`select ${column} as key, count(*)::int as count from complaint where ${where} group by 1 order by 1`, [range.from, range.to, ...extra]);
      const [totals] = await em.query(
        `select count(*)::int as received,
                count(*) filter (where breached_at is not null)::int as "timeLimitBreached",
                count(*) filter (where status <> 'closed' and due_at < now())::int as "openPastTimeLimit",
                count(*) filter (where status = 'closed' and within_time_limit)::int as "closedWithinTimeLimit",
                count(*) filter (where status = 'closed' and not within_time_limit)::int as "closedLate",
                (select count(distinct e.complaint_id) from complaint_extension e join complaint c on c.id = e.complaint_id
                  where c.received_at >= $1 and c.received_at < $2)::int as "extendedWithAgreement"
           from complaint where ${where}`,
        [range.from, range.to],
      );
      return {
        from: range.from,
        to: range.to,
        timeZone: zone,
        ...totals,
        byStatus: await group('status'),
        byCategory: await group('category'),
        // Months in the labs' calendar, as the time limits are counted (R-8.3.2).
        byMonth: await group(`to_char(received_at at time zone $3, 'YYYY-MM')`, [zone]),
        byChannel: await group('channel'),
      };
    });
  }
}
