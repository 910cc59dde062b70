import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, Outbox, OutboxRelay, ProblemException, LabCalendar } from '@calchain/platform';
import { CAPABILITY_READ_MODEL, CapabilityReadModel } from '../../capability/application/capability-read-model.port';
import { ConsentInput, recordConsent } from '../../contracts/domain/consent';
import { requireNotBlocked } from '../../contracts/domain/deviation';
import { ContractRepository } from '../../contracts/infrastructure/contract.repository';
import { AttachmentRef } from '../../item-handling/domain/item-handling';
import { AttachmentRepository } from '../../item-handling/infrastructure/item-handling.repository';
import { enforcingRules } from '../../shared/application/problems';
import { IsoDate } from '@calchain/platform/calendar';
import { violation } from '../../shared/domain/rule-violation';
import {
  acknowledgeSafety, assessImpact, clearForMeasurement, closeJob, customerDecision, environmentRequirements, OnSiteJob, OnSiteStatus, planJob,
  recordConditions, SiteReading, technicalManagerDecision,
} from '../domain/on-site-job';
import { OnSiteJobRepository } from '../infrastructure/on-site-job.repository';
import { inCallerTransaction } from '../../shared/application/caller-scope';

/** On-site jobs: every step is logged; measurement starts only when cleared. */
@Injectable()
export class OnSiteService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly relay: OutboxRelay,
    private readonly time: LabCalendar,
    @Inject(CAPABILITY_READ_MODEL) private readonly capability: CapabilityReadModel,
  ) {}

  private async step(caller: Caller, jobId: string, name: string, work: (job: OnSiteJob, em: EntityManager) => Promise<{ job: OnSiteJob; detail: unknown }>) {
    const result = await enforcingRules(() =>
      inCallerTransaction(this.dataSource, caller, async (em) => {
        const repository = new OnSiteJobRepository(em);
        const job = await repository.lock(jobId);
        if (!job) throw ProblemException.notFound('On-site job', jobId);
        const { job: next, detail } = await work(job, em);
        await repository.save(next);
        await repository.log(caller.tenant, jobId, name, detail, caller.subject, this.time.now());
        return next;
      }),
    );
    this.relay.wake();
    return result;
  }

  plan(input: { contractId: string; itemIds: string[]; siteAddress: string; crossRegion: boolean; plannedDate: IsoDate; safetyChecklist: string[] | null }, caller: Caller) {
    return enforcingRules(() =>
      inCallerTransaction(this.dataSource, caller, async (em) => {
        const contracts = new ContractRepository(em);
        const contract = await contracts.find(input.contractId);
        if (!contract) violation('R-6.2.4', 'contractId', 'known-contract', `contract ${input.contractId} does not exist`);
        const version = (await contracts.version(contract.id, contract.currentVersion))!;
        const job = planJob(input, { contractId: contract.id, contractStatus: contract.status, items: version.items, today: this.time.today(), by: caller.subject, now: this.time.now() });
        const repository = new OnSiteJobRepository(em);
        await repository.insert(caller.tenant, job);
        await repository.log(caller.tenant, job.id, 'planned', { itemIds: job.itemIds, plannedDate: job.plannedDate, crossRegion: job.crossRegion }, caller.subject, job.createdAt);
        return job;
      }),
    );
  }

  /** sends the customer the environmental conditions the methods of the job's items require. */
  sendEnvironmentRequirements(jobId: string, input: { channel: string; contactId: string | null }, caller: Caller) {
    return this.step(caller, jobId, 'environment-requirements-sent', async (job, em) => {
      if (job.status !== 'planned') violation('R-6.2.4', 'status', 'planned', `the job is ${job.status}`);
      const contracts = new ContractRepository(em);
      const contract = (await contracts.find(job.contractId))!;
      if (input.contactId && !(await contracts.contactIds(contract.customerId)).includes(input.contactId)) {
        violation('R-6.2.4', 'contactId', 'contact-of-customer', 'the contact is not a contact of the customer');
      }
      const items = (await contracts.version(contract.id, contract.currentVersion))!.items.filter((i) => job.itemIds.includes(i.itemId));
      const snapshot = await this.capability.snapshot(em, { methodCodes: [...new Set(items.map((i) => i.methodCode))], itemCodes: [] });
      const { requirements, methodsWithoutLimits } = environmentRequirements(items, snapshot.methods);
      const now = this.time.now();
      const next = { ...job, environmentRequirements: requirements, environmentSent: { ...input, by: caller.subject, at: now } };
      return { job: next, detail: { requirements, methodsWithoutLimits, channel: input.channel, contactId: input.contactId } };
    });
  }

  acknowledgeSafety(jobId: string, acknowledged: string[], caller: Caller) {
    return this.step(caller, jobId, 'safety-acknowledged', async (job) => ({ job: acknowledgeSafety(job, acknowledged, caller.subject, this.time.now()), detail: { acknowledged } }));
  }

  recordConditions(jobId: string, readings: SiteReading[], caller: Caller) {
    return this.step(caller, jobId, 'site-conditions-recorded', async (job) => {
      const next = recordConditions(job, readings, caller.subject, this.time.now());
      return { job: next, detail: next.siteConditions };
    });
  }

  assessImpact(jobId: string, assessment: string, caller: Caller) {
    return this.step(caller, jobId, 'impact-assessed', async (job) => {
      const next = assessImpact(job, assessment, caller.subject, this.time.now());
      return { job: next, detail: next.impactAssessment };
    });
  }

  technicalManagerDecision(jobId: string, decision: 'granted' | 'refused', caller: Caller) {
    if (!caller.roles.includes('technical-manager')) {
      throw ProblemException.ruleViolation('R-5.4.4', 'R-5.4.4: only the technical manager consents to work under site conditions that do not meet the method', 'technicalManagerConsent', 'technical-manager');
    }
    return this.step(caller, jobId, 'technical-manager-decided', async (job) => ({ job: technicalManagerDecision(job, decision, caller.subject, this.time.now()), detail: { decision } }));
  }

  customerDecision(jobId: string, input: ConsentInput, caller: Caller) {
    return this.step(caller, jobId, 'customer-decided', async (job, em) => {
      const contracts = new ContractRepository(em);
      const contract = (await contracts.find(job.contractId))!;
      if (!job.impactAssessment) violation('R-5.4.4', 'impactAssessment', 'recorded', 'the customer decides on a recorded impact assessment');
      const consent = recordConsent(input, {
        customerId: contract.customerId, contractId: contract.id, subject: 'on-site-impact', subjectId: job.id, requirement: 'R-5.4.4',
        recordedBy: caller.subject, now: this.time.now(), today: this.time.today(), contactIds: await contracts.contactIds(contract.customerId),
      });
      await contracts.insertConsent(caller.tenant, consent);
      return { job: customerDecision(job, consent.id, consent.decision), detail: { consentId: consent.id, decision: consent.decision, impactAssessmentId: job.impactAssessment.id } };
    });
  }

  /** clears measurement on site; records may be made only after this (event for records). */
  startMeasurement(jobId: string, caller: Caller) {
    return this.step(caller, jobId, 'measurement-cleared', async (job, em) => {
      const contracts = new ContractRepository(em);
      const contract = (await contracts.find(job.contractId))!;
      if (contract.status === 'change-pending') violation('R-6.1.3', 'contract', 'change-reviewed', `contract ${contract.number} was changed: the new version must be reviewed and accepted first`);
      if (contract.status !== 'accepted') violation('R-6.1.2', 'contract', 'accepted', `contract ${contract.number} is not accepted`);
      requireNotBlocked(job.itemIds, await contracts.deviationsOfItems(job.itemIds), 'itemIds');
      const now = this.time.now();
      const next = clearForMeasurement(job, now);
      await this.outbox.add(em, {
        type: 'intake.on-site-job.measurement-cleared',
        tenant: caller.tenant,
        aggregateId: job.id,
        payload: {
          jobId: job.id, contractId: job.contractId, itemIds: job.itemIds, conditionsMeetMethod: job.siteConditions!.meetsMethod,
          impactAssessmentId: job.impactAssessment?.id ?? null,
          technicalManagerConsentBy: job.technicalManagerConsent?.by ?? null,
          customerConsentId: job.customerConsent?.consentId ?? null,
          clearedAt: now.toISOString(),
        },
      });
      return { job: next, detail: { conditionsMeetMethod: job.siteConditions!.meetsMethod } };
    });
  }

  /** travel tickets, accommodation invoices, shipping notes of standards (and other files). */
  attach(jobId: string, attachment: AttachmentRef, caller: Caller) {
    return this.step(caller, jobId, 'attachment-added', async (job, em) => {
      if (job.status === 'closed') violation('R-6.2.7', 'status', 'open', 'the job is closed');
      const id = await new AttachmentRepository(em).add(caller.tenant, 'on-site-job', job.id, attachment, caller.subject, this.time.now());
      return { job, detail: { attachmentId: id, kind: attachment.kind, sha256: attachment.sha256 } };
    });
  }

  close(jobId: string, caller: Caller) {
    return this.step(caller, jobId, 'closed', async (job, em) => {
      const attachments = await new AttachmentRepository(em).of('on-site-job', job.id);
      const now = this.time.now();
      const next = closeJob(job, attachments.map((a) => a.kind), now);
      await this.outbox.add(em, {
        type: 'intake.on-site-job.closed',
        tenant: caller.tenant,
        aggregateId: job.id,
        payload: { jobId: job.id, contractId: job.contractId, crossRegion: job.crossRegion, attachmentCount: attachments.length, closedAt: now.toISOString() },
      });
      return { job: next, detail: { attachments: attachments.length } };
    });
  }

  get(jobId: string, caller: Caller) {
    return inCallerTransaction(this.dataSource, caller, async (em) => {
      const repository = new OnSiteJobRepository(em);
      const job = await repository.find(jobId);
      if (!job) throw ProblemException.notFound('On-site job', jobId);
      return { ...job, attachments: await new AttachmentRepository(em).of('on-site-job', jobId), history: await repository.history(jobId) };
    });
  }

  list(filter: { contractId?: string; status?: OnSiteStatus }, limit: number, offset: number, caller: Caller) {
    return inCallerTransaction(this.dataSource, caller, (em) => new OnSiteJobRepository(em).list(filter, limit, offset));
  }
}
