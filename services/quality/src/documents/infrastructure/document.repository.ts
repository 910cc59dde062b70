import { EntityManager } from 'typeorm';
import { RevisionStatus } from '../domain/controlled-document';

export interface DocumentRow {
  id: string;
  code: string;
  title: string;
  kind: string;
  withdrawnAt: Date | null;
  createdBy: string;
  createdAt: Date;
}

export interface RevisionRow {
  id: string;
  revision: number;
  status: RevisionStatus;
  changeSummary: string;
  contentRef: string;
  contentSha256: string;
  draftedBy: string;
  draftedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  effectiveFrom: string | null;
  obsoleteFrom: string | null;
}

const documentColumns = `id, code, title, kind, withdrawn_at as "withdrawnAt", created_by as "createdBy", created_at as "createdAt"`;
const revisionColumns = `id, revision, status, change_summary as "changeSummary", content_ref as "contentRef", content_sha256 as "contentSha256",
  drafted_by as "draftedBy", drafted_at as "draftedAt", approved_by as "approvedBy", approved_at as "approvedAt",
  to_char(effective_from, 'YYYY-MM-DD') as "effectiveFrom", to_char(obsolete_from, 'YYYY-MM-DD') as "obsoleteFrom"`;

export class DocumentRepository {
  constructor(private readonly em: EntityManager) {}

  async insertDocument(tenantId: string, d: DocumentRow): Promise<void> {
    await this.em.query(
      `insert into controlled_document (id, tenant_id, code, title, kind, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7)`,
      [d.id, tenantId, d.code, d.title, d.kind, d.createdBy, d.createdAt],
    );
  }

  async document(id: string, lock = false): Promise<DocumentRow | null> {
    const [row] = await this.em.query(`select ${documentColumns} from controlled_document where id = $1 ${lock ? 'for update' : ''}`, [id]);
    return row ?? null;
  }

  async documents(): Promise<(DocumentRow & { effectiveRevision: number | null; effectiveFrom: string | null })[]> {
    return this.em.query(
      `select d.id, d.code, d.title, d.kind, d.withdrawn_at as "withdrawnAt", d.created_by as "createdBy", d.created_at as "createdAt",
              r.revision as "effectiveRevision", to_char(r.effective_from, 'YYYY-MM-DD') as "effectiveFrom"
         from controlled_document d left join document_revision r on r.document_id = d.id and r.status = 'effective'
        order by d.code`,
    );
  }

  async withdraw(id: string, at: Date): Promise<void> {
    await this.em.query(`update controlled_document set withdrawn_at = $2 where id = $1`, [id, at]);
  }

  async revisions(documentId: string): Promise<RevisionRow[]> {
    return this.em.query(`select ${revisionColumns} from document_revision where document_id = $1 order by revision`, [documentId]);
  }

  async insertRevision(tenantId: string, documentId: string, r: RevisionRow): Promise<void> {
    await this.em.query(
      `insert into document_revision (id, tenant_id, document_id, revision, status, change_summary, content_ref, content_sha256, drafted_by, drafted_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [r.id, tenantId, documentId, r.revision, r.status, r.changeSummary, r.contentRef, r.contentSha256, r.draftedBy, r.draftedAt],
    );
  }

  async approve(documentId: string, revision: number, by: string, at: Date): Promise<void> {
    await this.em.query(`update document_revision set status = 'approved', approved_by = $3, approved_at = $4 where document_id = $1 and revision = $2`, [documentId, revision, by, at]);
  }

  async obsolete(documentId: string, revisions: number[], from: string): Promise<void> {
    await this.em.query(`update document_revision set status = 'obsolete', obsolete_from = $3 where document_id = $1 and revision = any($2::int[])`, [documentId, revisions, from]);
  }

  async makeEffective(documentId: string, revision: number, from: string): Promise<void> {
    await this.em.query(`update document_revision set status = 'effective', effective_from = $3 where document_id = $1 and revision = $2`, [documentId, revision, from]);
  }

  async discardDraft(documentId: string, revision: number): Promise<void> {
    await this.em.query(`delete from document_revision where document_id = $1 and revision = $2 and status in ('draft', 'approved')`, [documentId, revision]);
  }
}
