import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AttachmentRef, formatItemLabel, ItemIntake, ItemReturn } from '../domain/item-handling';

export type AttachmentOwner = 'item-intake' | 'item-return' | 'on-site-job';

const intakeColumns = `id, item_id as "itemId", contract_id as "contractId", label, channel, condition, condition_acceptable as "conditionAcceptable",
  accessories, documents, received_by as "receivedBy", received_at as "receivedAt"`;
const returnColumns = `id, item_id as "itemId", intake_id as "intakeId", contract_id as "contractId", accessories, documents, handed_over_to as "handedOverTo",
  receiver_description as "receiverDescription", signature_ref as "signatureRef", returned_by as "returnedBy", returned_at as "returnedAt"`;

/** Attachments (metadata and content hash; the bytes live in the document store under storage_ref). */
export class AttachmentRepository {
  constructor(readonly em: EntityManager) {}

  async add(tenant: string, owner: AttachmentOwner, ownerId: string, a: AttachmentRef, by: string, at: Date): Promise<string> {
    const id = randomUUID();
    await this.em.query(
      `insert into attachment (id, tenant_id, owner_type, owner_id, kind, file_name, media_type, size_bytes, sha256, storage_ref, added_by, added_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [id, tenant, owner, ownerId, a.kind, a.fileName, a.mediaType, a.sizeBytes, a.sha256, a.storageRef, by, at],
    );
    return id;
  }

  of(owner: AttachmentOwner, ownerId: string): Promise<(AttachmentRef & { id: string; addedBy: string; addedAt: Date })[]> {
    return this.em.query(
      `select id, kind, file_name as "fileName", media_type as "mediaType", size_bytes as "sizeBytes", sha256, storage_ref as "storageRef",
              added_by as "addedBy", added_at as "addedAt"
         from attachment where owner_type = $1 and owner_id = $2 order by added_at, id`,
      [owner, ownerId],
    );
  }
}

/** Item intakes and returns, adjustments and state-change notices; inside tenant transactions. */
export class ItemHandlingRepository {
  constructor(readonly em: EntityManager) {}

  async nextLabel(tenant: string, year: number): Promise<string> {
    const [row] = await this.em.query(
      `insert into item_label_number (tenant_id, year, last) values ($1, $2, 1)
       on conflict (tenant_id, year) do update set last = item_label_number.last + 1 returning last`,
      [tenant, year],
    );
    return formatItemLabel(year, row.last);
  }

  async insertIntake(tenant: string, i: ItemIntake): Promise<void> {
    await this.em.query(
      `insert into item_intake (id, tenant_id, item_id, contract_id, label, channel, condition, condition_acceptable, accessories, documents, received_by, received_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [i.id, tenant, i.itemId, i.contractId, i.label, i.channel, i.condition, i.conditionAcceptable, JSON.stringify(i.accessories), JSON.stringify(i.documents), i.receivedBy, i.receivedAt],
    );
  }

  async intakeOf(itemId: string): Promise<ItemIntake | null> {
    const [row] = await this.em.query(`select ${intakeColumns} from item_intake where item_id = $1`, [itemId]);
    if (!row) return null;
    return { ...row, photos: await new AttachmentRepository(this.em).of('item-intake', row.id) };
  }

  async insertReturn(tenant: string, r: ItemReturn): Promise<void> {
    await this.em.query(
      `insert into item_return (id, tenant_id, item_id, intake_id, contract_id, accessories, documents, handed_over_to, receiver_description, signature_ref, returned_by, returned_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [r.id, tenant, r.itemId, r.intakeId, r.contractId, JSON.stringify(r.accessories), JSON.stringify(r.documents), r.handedOverTo, r.receiverDescription, r.signatureRef, r.returnedBy, r.returnedAt],
    );
  }

  async returnOf(itemId: string): Promise<ItemReturn | null> {
    const [row] = await this.em.query(`select ${returnColumns} from item_return where item_id = $1`, [itemId]);
    if (!row) return null;
    return { ...row, photos: await new AttachmentRepository(this.em).of('item-return', row.id) };
  }

  async intakes(filter: { contractId?: string; label?: string }, limit: number, offset: number): Promise<{ rows: ItemIntake[]; total: number }> {
    const where = `where ($1::uuid is null or contract_id = $1::uuid) and ($2::text is null or label = $2)`;
    const params = [filter.contractId ?? null, filter.label ?? null];
    const rows = await this.em.query(`select ${intakeColumns} from item_intake ${where} order by received_at desc, id limit $3 offset $4`, [...params, limit, offset]);
    const [{ total }] = await this.em.query(`select count(*)::int as total from item_intake ${where}`, params);
    return { rows, total };
  }

  adjustmentDecisions(itemId: string): Promise<{ id: string; decision: 'granted' | 'refused' }[]> {
    return this.em.query(`select id, decision from customer_consent where subject = 'adjustment' and subject_id = $1 order by recorded_at, id`, [itemId]);
  }

  async insertAdjustment(tenant: string, a: { id: string; itemId: string; contractId: string; consentId: string; description: string; by: string; at: Date }): Promise<void> {
    await this.em.query(
      `insert into adjustment (id, tenant_id, item_id, contract_id, consent_id, description, performed_by, performed_at) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [a.id, tenant, a.itemId, a.contractId, a.consentId, a.description, a.by, a.at],
    );
  }

  async insertNotice(tenant: string, n: { id: string; itemId: string; contractId: string; kind: string; description: string; channel: string; contactId: string | null; by: string; at: Date }): Promise<void> {
    await this.em.query(
      `insert into state_change_notice (id, tenant_id, item_id, contract_id, kind, description, channel, contact_id, noticed_by, noticed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [n.id, tenant, n.itemId, n.contractId, n.kind, n.description, n.channel, n.contactId, n.by, n.at],
    );
  }

  /** adjustments made after the last notice to the customer: the customer does not know yet. */
  async unnoticedStateChanges(itemId: string): Promise<number> {
    const [{ n }] = await this.em.query(
      `select count(*)::int as n from adjustment a where a.item_id = $1
          and not exists (select 1 from state_change_notice s where s.item_id = a.item_id and s.noticed_at >= a.performed_at)`,
      [itemId],
    );
    return n;
  }

  async history(itemId: string) {
    const adjustments = await this.em.query(
      `select id, consent_id as "consentId", description, performed_by as "performedBy", performed_at as "performedAt" from adjustment where item_id = $1 order by performed_at`,
      [itemId],
    );
    const notices = await this.em.query(
      `select id, kind, description, channel, contact_id as "contactId", noticed_by as "noticedBy", noticed_at as "noticedAt" from state_change_notice where item_id = $1 order by noticed_at`,
      [itemId],
    );
    return { adjustments, notices };
  }
}
