import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Outbox, LabCalendar } from '@calchain/platform';
import { ImprovementService } from '../../improvement/application/improvement-service';
import { evaluateStaffing, qualifiedForResponsible, staffingShortfall } from '../domain/personnel';
import { PersonnelRepository } from '../infrastructure/personnel.repository';

/**
 * Keeps each item's staffing current: re-evaluated after every change that can move it
 * (grant, revocation, lapse, title or qualification change, end of employment) and by the daily
 * sweep. A change is published (quality.item-staffing.changed, which intake uses for contract
 * review); an inadequate item raises one finding, kept until the item is adequate again.
 */
@Injectable()
export class StaffingService {
  constructor(
    private readonly outbox: Outbox,
    private readonly time: LabCalendar,
    private readonly improvement: ImprovementService,
  ) {}

  async reevaluateIn(em: EntityManager, tenant: string, itemCodes: string[], actor: string): Promise<void> {
    const repository = new PersonnelRepository(em);
    const today = this.time.today();
    for (const code of [...new Set(itemCodes)].sort()) {
      const item = await repository.item(code, true);
      if (!item) continue;
      const authorisations = await repository.authorisations({ itemCode: code, activeOnly: true });
      const personIds = [...new Set(authorisations.map((a) => a.personId))];
      const [persons, qualifications] = await Promise.all([
        Promise.all(personIds.map((id) => repository.person(id))),
        repository.qualifications(personIds),
      ]);
      const qualified = new Set(
        persons
          .filter((p) => p !== null)
          .filter((p) => qualifiedForResponsible({ title: p.title, qualifications: qualifications.filter((q) => q.personId === p.id) }, today))
          .map((p) => p.id),
      );
      const staffing = evaluateStaffing(authorisations, qualified, today);

      let openFindingId = item.openFindingId;
      const shortfall = staffingShortfall(code, staffing);
      if (shortfall && !openFindingId) {
        const { finding } = await this.improvement.raiseFindingIn(em, tenant, {
          source: 'personnel-staffing', sourceRef: code, severity: 'major', requirement: 'R-5.1.1', title: shortfall,
          description: null, itemCode: code, dedupeKey: `staffing:${code}`,
        }, actor);
        openFindingId = finding.id;
      }
      if (!shortfall) openFindingId = null;

      const changed = item.evaluatedOn === null || item.authorisedPersons !== staffing.authorisedPersons
        || item.hasQualifiedResponsible !== staffing.hasQualifiedResponsible || item.adequate !== staffing.adequate;
      await repository.updateItemStaffing(code, { ...staffing, evaluatedOn: today, openFindingId });
      if (changed) {
        await this.outbox.add(em, {
          type: 'quality.item-staffing.changed',
          tenant,
          aggregateId: code,
          payload: { itemCode: code, ...staffing, evaluatedOn: today },
        });
      }
    }
  }
}
