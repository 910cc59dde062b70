import { ReactNode } from 'react';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { Badge, QueryState } from '../../components/status';
import { LanguageSwitch } from '../../components/language-switch';
import { Commitments, ComplaintPolicy, FeeSchedule, MeasurementStandards, ReviewLine, ServiceFlow, TimeLimits } from './disclosure-sections';
import { FactList, humanise, isObj, text } from './fact-list';

export interface Disclosure {
  institution: string;
  name: string;
  legalStatus: string;
  authorisingEntity: string | null;
  registrationNumber: string | null;
  responsiblePersons: { name: string; function: string }[];
  sites: { name: string; address: string }[];
  serviceFlow: string | null;
  serviceCommitments: string | null;
  lastReviewedOn: string | null;
  reviewOverdue: boolean;
  sections: Record<string, Section>;
}

/** The services' sections in reading order; the institution's own flow and commitments go between them. */
const SECTION_ORDER = ['measurementStandards', 'feeSchedule', 'timeLimits', 'complaintPolicy'];

export type Section = { requirement: string; available: boolean; content: unknown };

/**
 * The institution's disclosure, read without a token. One query for every public page that needs
 * it: the complaint form takes its time limit and flow from here, so coming from
 * the disclosure page costs no second request.
 */
export function useDisclosure(institution: string) {
  return useQuery({
    queryKey: ['disclosure', institution],
    queryFn: () => get<Disclosure>(`/public/institutions/${encodeURIComponent(institution)}/disclosure`, { anonymous: true }),
    staleTime: 60_000, // as long as the gateway lets it be cached (cache-control: max-age=60)
  });
}

function SectionBody({ name, section, sites, institution }: { name: string; section: Section; sites: Disclosure['sites']; institution: string }) {
  switch (name) {
    case 'measurementStandards':
      return <MeasurementStandards content={section.content} />;
    case 'feeSchedule':
      return <FeeSchedule content={section.content} />;
    case 'timeLimits':
      return <TimeLimits content={section.content} />;
    case 'complaintPolicy':
      return <ComplaintPolicy content={section.content} sites={sites} institution={institution} />;
    default:
      // A section this console does not know yet: readable, never JSON text.
      return <FactList value={section.content} testId={`section-${name}-facts`} />;
  }
}

function DisclosureSection({ id, title, requirement, children }: { id: string; title: string; requirement: string; children: ReactNode }) {
  return (
    <section className="disclosure-section" aria-labelledby={`section-${id}`} data-testid={`section-${id}`}>
      <h2 id={`section-${id}`}>{title} <small className="muted">{requirement}</small></h2>
      {children}
    </section>
  );
}

/**
 * what the institution shows the public — authorisation certificates and
 * scope, service flow, fees, time limits, commitments, complaint channels — each with the date it
 * was last reviewed. Phone first: on a narrow screen each table row becomes a labelled card, and
 * the page never scrolls sideways.
 */
export function DisclosurePage() {
  const { t } = useTranslation();
  const { institution = '' } = useParams();
  const query = useDisclosure(institution);
  return (
    <div className="public-page disclosure">
      <header className="public-header">
        <strong>{t('disclosure.title')}</strong>
        <LanguageSwitch />
      </header>
      <QueryState query={query}>
        {(d) => {
          const sections = isObj(d.sections) ? (d.sections as Record<string, Section>) : {};
          const sites = Array.isArray(d.sites) ? d.sites : [];
          const persons = Array.isArray(d.responsiblePersons) ? d.responsiblePersons : [];
          const names = [...SECTION_ORDER.filter((n) => sections[n]), ...Object.keys(sections).filter((n) => !SECTION_ORDER.includes(n))];
          const institutionReview = <ReviewLine lastReviewedOn={d.lastReviewedOn ?? null} overdue={d.reviewOverdue === true} />;
          const service = (name: string) => {
            const s = sections[name];
            if (!isObj(s)) return null;
            return (
              <DisclosureSection key={name} id={name} title={t(`disclosure.section.${name}`, { defaultValue: humanise(name) })} requirement={text(s.requirement) ?? ''}>
                {s.available ? <SectionBody name={name} section={s} sites={sites} institution={text(d.institution) ?? institution} /> : <p className="empty">{t('disclosure.unavailable')}</p>}
              </DisclosureSection>
            );
          };
          return (
            <article>
              <h1>{d.name}</h1>
              <p>
                {d.reviewOverdue ? <Badge tone="warn">{t('disclosure.reviewOverdue')}</Badge> : <Badge tone="ok">{t('disclosure.reviewedOn', { date: d.lastReviewedOn })}</Badge>}
              </p>
              <dl className="facts">
                <div className="dl-row"><dt>{t('disclosure.legalStatus')}</dt><dd>{t(`legalStatus.${d.legalStatus}`, { defaultValue: d.legalStatus })}{d.authorisingEntity ? ` (${d.authorisingEntity})` : ''}</dd></div>
                <div className="dl-row"><dt>{t('disclosure.registration')}</dt><dd>{d.registrationNumber ?? '—'}</dd></div>
                <div className="dl-row"><dt>{t('disclosure.responsible')}</dt><dd>{persons.map((p) => `${p.name}（${p.function}）`).join('；') || '—'}</dd></div>
                <div className="dl-row"><dt>{t('disclosure.sites')}</dt><dd>{sites.map((s) => `${s.name}, ${s.address}`).join('；') || '—'}</dd></div>
              </dl>
              {service('measurementStandards')}
              <DisclosureSection id="serviceFlow" title={t('disclosure.serviceFlow')} requirement="R-6.2.1">
                {institutionReview}
                <ServiceFlow flow={text(d.serviceFlow)} />
              </DisclosureSection>
              {service('feeSchedule')}
              {service('timeLimits')}
              <DisclosureSection id="serviceCommitments" title={t('disclosure.commitments')} requirement="R-4.4">
                {institutionReview}
                <Commitments text={text(d.serviceCommitments)} />
              </DisclosureSection>
              {names.filter((n) => n !== 'measurementStandards' && n !== 'feeSchedule' && n !== 'timeLimits').map(service)}
            </article>
          );
        }}
      </QueryState>
    </div>
  );
}
