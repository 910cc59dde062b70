import { InstitutionRecord } from '../tenancy/registry.repository';

export interface DisclosureSection {
  source: string;
  available: boolean;
  content: unknown;
}

/**
 * what an institution shows the public. Only fields named here leave
 * the registry (responsible persons by name and function, no contact data of individuals).
 */
/** R-4.4 "keep them current and check them": a disclosure not reviewed within a year is overdue. */
export function disclosureReviewOverdue(lastReviewedOn: string | null, today: string, maxAgeDays = 365): boolean {
  if (!lastReviewedOn) return true;
  return (Date.parse(today) - Date.parse(lastReviewedOn)) / 86400000 > maxAgeDays;
}

export function institutionDisclosure(i: InstitutionRecord, today = new Date().toISOString().slice(0, 10)) {
  return {
    institution: i.id,
    name: i.name,
    legalStatus: i.legalStatus,
    authorisingEntity: i.authorisingEntity,
    registrationNumber: i.registrationNumber,
    responsiblePersons: i.responsiblePersons.map((p) => ({ name: p.name, function: p.function })),
    sites: i.sites.map((s) => ({ name: s.name, address: s.address })),
    serviceFlow: i.serviceFlow,
    serviceCommitments: i.serviceCommitments,
    lastReviewedOn: i.disclosureReviewedOn,
    reviewOverdue: disclosureReviewOverdue(i.disclosureReviewedOn, today),
  };
}

/** The services' own public routes that make up the rest of the disclosure. */
export function disclosureSources(institution: string): { name: string; service: string; path: string; requirement: string }[] {
  const t = encodeURIComponent(institution);
  return [
    { name: 'measurementStandards', service: 'equipment', path: `/public/${t}/measurement-standards`, requirement: 'R-4.4' },
    { name: 'feeSchedule', service: 'intake', path: `/public/${t}/fee-schedule`, requirement: 'R-4.4' },
    { name: 'timeLimits', service: 'intake', path: `/public/${t}/time-limits`, requirement: 'R-4.4' },
    { name: 'complaintPolicy', service: 'quality', path: `/public/complaint-policy/${t}`, requirement: 'R-8.3.1' },
  ];
}
