import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, ProblemException, LabCalendar, TenantTransactions } from '@calchain/platform';
import { EQUIPMENT_SETTINGS, EquipmentSettings } from '../../shared/equipment-config';
import { EquipmentRecord } from '../../ledger/domain/equipment';
import { deriveStatus } from '../../ledger/domain/equipment-status';
import { EquipmentRepository } from '../../ledger/infrastructure/equipment.repository';
import { labelPng } from '../domain/label-png';
import { LabelFont, labelSheetPdf } from '../domain/label-sheet-pdf';
import { LABEL_LOOK, LabelData, labelSvg } from '../domain/status-label';

/** status labels generated from the live status, and the public status a label's QR code leads to. */
@Injectable()
export class LabelService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly calendar: LabCalendar,
    @Inject(EQUIPMENT_SETTINGS) private readonly settings: EquipmentSettings,
  ) {}

  async setInstitution(name: string, caller: Caller) {
    return this.tx.run(caller.tenant, async (em) => {
      await new EquipmentRepository(em).registerTenant(caller.tenant);
      await em.query(`insert into institution_profile (tenant_id, name) values ($1, $2) on conflict (tenant_id) do update set name = excluded.name`, [caller.tenant, name]);
      return { tenant: caller.tenant, name };
    });
  }

  async svg(equipmentId: string, caller: Caller): Promise<string> {
    return this.tx.read(caller.tenant, async (em) => {
      const equipment = await new EquipmentRepository(em).find(equipmentId);
      if (!equipment) throw ProblemException.notFound('Equipment', equipmentId);
      return labelSvg(await this.labelData(em, caller.tenant, equipment));
    });
  }

  /** The same label as PNG, with Chinese text rendered in the configured CJK font. */
  async png(equipmentId: string, caller: Caller): Promise<Buffer> {
    const data = await this.tx.read(caller.tenant, async (em) => {
      const equipment = await new EquipmentRepository(em).find(equipmentId);
      if (!equipment) throw ProblemException.notFound('Equipment', equipmentId);
      return this.labelData(em, caller.tenant, equipment);
    });
    return labelPng(data, this.font());
  }

  /** A sheet for the listed equipment, or for all equipment not retired. */
  async sheet(ids: string[] | null, caller: Caller): Promise<Buffer> {
    const labels = await this.tx.read(caller.tenant, async (em) => {
      const all = await new EquipmentRepository(em).list();
      const chosen = ids ? ids.map((id) => all.find((e) => e.id === id) ?? this.missing(id)) : all.filter((e) => !e.retiredOn);
      const data: LabelData[] = [];
      for (const e of chosen) data.push(await this.labelData(em, caller.tenant, e));
      return data;
    });
    return labelSheetPdf(labels, this.font(), this.calendar.now());
  }

  /** What anyone scanning the label sees: identity and live status, nothing internal or personal. */
  async publicStatus(tenant: string, publicId: string) {
    return this.tx.read(tenant, async (em) => {
      const equipment = await new EquipmentRepository(em).findByPublicId(publicId);
      if (!equipment) throw ProblemException.notFound('Equipment', publicId);
      const data = await this.labelData(em, tenant, equipment);
      const [row] = await new EquipmentRepository(em).statusFacts(this.calendar.today(), [equipment.id]);
      const derived = deriveStatus(row, this.calendar.today());
      return {
        institution: data.institution,
        assetNumber: equipment.assetNumber,
        name: equipment.name,
        status: derived.status,
        statusText: LABEL_LOOK[derived.status].title,
        usable: derived.usable,
        lastCalibratedOn: derived.lastCalibratedOn,
        dueDate: derived.dueDate,
        certificateNumber: data.certificateNumber,
        checkedAt: this.calendar.now().toISOString(),
      };
    });
  }

  private font(): LabelFont {
    return { path: this.settings.EQUIPMENT_LABEL_FONT, face: this.settings.EQUIPMENT_LABEL_FONT_FACE };
  }

  private missing(id: string): never {
    throw ProblemException.notFound('Equipment', id);
  }

  private async labelData(em: EntityManager, tenant: string, equipment: EquipmentRecord): Promise<LabelData> {
    const today = this.calendar.today();
    const repository = new EquipmentRepository(em);
    const [row] = await repository.statusFacts(today, [equipment.id]);
    const derived = deriveStatus(row, today);
    const [latest] = await repository.calibrations(equipment.id);
    const [profile] = await em.query(`select name from institution_profile where tenant_id = $1`, [tenant]);
    const base = this.settings.EQUIPMENT_PUBLIC_BASE_URL.replace(/\/$/, '');
    return {
      institution: profile?.name ?? tenant,
      assetNumber: equipment.assetNumber,
      name: equipment.name,
      status: derived.status,
      lastCalibratedOn: derived.lastCalibratedOn,
      dueDate: derived.dueDate,
      certificateNumber: latest?.certificateNumber ?? null,
      statusUrl: `${base}/public/${encodeURIComponent(tenant)}/equipment/${equipment.publicId}`,
    };
  }
}
