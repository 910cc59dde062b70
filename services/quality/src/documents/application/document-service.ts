import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Caller, ProblemException, LabCalendar } from '@calchain/platform';
import { UnitOfWork } from '../../shared/application/unit-of-work';
import { violation } from '../../shared/domain/rule-violation';
import { approve, issue, nextRevision } from '../domain/controlled-document';
import { DocumentRepository, RevisionRow } from '../infrastructure/document.repository';

/** Controlled documents of the management system: versioned, approved, effective, obsolete. */
@Injectable()
export class DocumentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly time: LabCalendar,
  ) {}

  create(caller: Caller, input: { code: string; title: string; kind: string }) {
    return this.uow.run(caller.tenant, async (em) => {
      const id = randomUUID();
      await new DocumentRepository(em).insertDocument(caller.tenant, { id, ...input, withdrawnAt: null, createdBy: caller.subject, createdAt: this.time.now() });
      return this.detail(new DocumentRepository(em), id);
    });
  }

  draft(caller: Caller, id: string, input: { changeSummary: string; contentRef: string; contentSha256: string }) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new DocumentRepository(em);
      const document = await this.locked(repository, id);
      if (document.withdrawnAt) violation('R-4.2', 'documentId', 'withdrawn', 'The document is withdrawn.');
      const revisions = await repository.revisions(id);
      const revision: RevisionRow = {
        id: randomUUID(), revision: nextRevision(revisions), status: 'draft', ...input, draftedBy: caller.subject, draftedAt: this.time.now(),
        approvedBy: null, approvedAt: null, effectiveFrom: null, obsoleteFrom: null,
      };
      await repository.insertRevision(caller.tenant, id, revision);
      return this.detail(repository, id);
    });
  }

  approve(caller: Caller, id: string, revisionNumber: number) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new DocumentRepository(em);
      await this.locked(repository, id);
      const revision = (await repository.revisions(id)).find((r) => r.revision === revisionNumber);
      if (!revision) throw ProblemException.notFound('Revision', String(revisionNumber));
      approve(revision, caller.subject);
      await repository.approve(id, revisionNumber, caller.subject, this.time.now());
      return this.detail(repository, id);
    });
  }

  /** Issues an approved revision: effective today, the previous one obsolete from today. */
  issue(caller: Caller, id: string, revisionNumber: number) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new DocumentRepository(em);
      await this.locked(repository, id);
      const revisions = await repository.revisions(id);
      const revision = revisions.find((r) => r.revision === revisionNumber);
      if (!revision) throw ProblemException.notFound('Revision', String(revisionNumber));
      const superseded = issue(revision, revisions);
      const today = this.time.today();
      await repository.obsolete(id, superseded, today);
      await repository.makeEffective(id, revisionNumber, today);
      return this.detail(repository, id);
    });
  }

  /** A revision that was never issued may be dropped (it never governed anything). */
  discard(caller: Caller, id: string, revisionNumber: number) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new DocumentRepository(em);
      await this.locked(repository, id);
      const revision = (await repository.revisions(id)).find((r) => r.revision === revisionNumber);
      if (!revision) throw ProblemException.notFound('Revision', String(revisionNumber));
      if (revision.status !== 'draft' && revision.status !== 'approved') {
        violation('R-4.2', 'revision', 'issued-revisions-kept', 'An issued revision is kept for ever; only drafts can be discarded.');
      }
      await repository.discardDraft(id, revisionNumber);
      return this.detail(repository, id);
    });
  }

  withdraw(caller: Caller, id: string) {
    return this.uow.run(caller.tenant, async (em) => {
      const repository = new DocumentRepository(em);
      const document = await this.locked(repository, id);
      if (document.withdrawnAt) throw ProblemException.conflict('The document is withdrawn already.');
      const effective = (await repository.revisions(id)).filter((r) => r.status === 'effective').map((r) => r.revision);
      await repository.obsolete(id, effective, this.time.today());
      await repository.withdraw(id, this.time.now());
      return this.detail(repository, id);
    });
  }

  list(caller: Caller) {
    return this.uow.read(caller.tenant, (em) => new DocumentRepository(em).documents());
  }

  get(caller: Caller, id: string) {
    return this.uow.read(caller.tenant, (em) => this.detail(new DocumentRepository(em), id));
  }

  private async locked(repository: DocumentRepository, id: string) {
    const document = await repository.document(id, true);
    if (!document) throw ProblemException.notFound('Controlled document', id);
    return document;
  }

  private async detail(repository: DocumentRepository, id: string) {
    const document = await repository.document(id);
    if (!document) throw ProblemException.notFound('Controlled document', id);
    const revisions = await repository.revisions(id);
    return { ...document, current: revisions.find((r) => r.status === 'effective') ?? null, revisions };
  }
}
