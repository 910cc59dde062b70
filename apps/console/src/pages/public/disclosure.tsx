import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { Badge, QueryState } from '../../components/status';
import { JsonView } from '../../components/json-view';
import { LanguageSwitch } from '../../components/language-switch';

interface Disclosure {
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
  sections: Record<string, { requirement: string; available: boolean; content: unknown }>;
}

const SECTION_ORDER = ['measurementStandards', 'feeSchedule', 'timeLimits', 'complaintPolicy'];

/** what the institution shows the public — scope, fees, time limits, commitments, complaints. */
export function DisclosurePage() {
  const { t } = useTranslation();
  const { institution = '' } = useParams();
  const query = useQuery({ queryKey: ['disclosure', institution], queryFn: () => get<Disclosure>(`/public/institutions/${encodeURIComponent(institution)}/disclosure`, { anonymous: true }) });
  return (
    <div className="public-page">
      <header className="public-header">
        <strong>{t('disclosure.title')}</strong>
        <LanguageSwitch />
      </header>
      <QueryState query={query}>
        {(d) => (
          <article>
            <h1>{d.name}</h1>
            <p>
              {d.reviewOverdue ? <Badge tone="warn">{t('disclosure.reviewOverdue')}</Badge> : <Badge tone="ok">{t('disclosure.reviewedOn', { date: d.lastReviewedOn })}</Badge>}
            </p>
            <dl className="facts">
              <div className="dl-row"><dt>{t('disclosure.legalStatus')}</dt><dd>{t(`legalStatus.${d.legalStatus}`, { defaultValue: d.legalStatus })}{d.authorisingEntity ? ` (${d.authorisingEntity})` : ''}</dd></div>
              <div className="dl-row"><dt>{t('disclosure.registration')}</dt><dd>{d.registrationNumber ?? '—'}</dd></div>
              <div className="dl-row"><dt>{t('disclosure.responsible')}</dt><dd>{d.responsiblePersons.map((p) => `${p.name}（${p.function}）`).join('；')}</dd></div>
              <div className="dl-row"><dt>{t('disclosure.sites')}</dt><dd>{d.sites.map((s) => `${s.name}, ${s.address}`).join('；') || '—'}</dd></div>
              <div className="dl-row"><dt>{t('disclosure.serviceFlow')}</dt><dd>{d.serviceFlow ?? '—'}</dd></div>
              <div className="dl-row"><dt>{t('disclosure.commitments')}</dt><dd>{d.serviceCommitments ?? '—'}</dd></div>
            </dl>
            {SECTION_ORDER.filter((name) => d.sections[name]).map((name) => {
              const s = d.sections[name];
              return (
                <section key={name} aria-labelledby={`section-${name}`}>
                  <h2 id={`section-${name}`}>{t(`disclosure.section.${name}`)} <small className="muted">{s.requirement}</small></h2>
                  {s.available ? <JsonView value={s.content} /> : <p className="empty">{t('disclosure.unavailable')}</p>}
                </section>
              );
            })}
          </article>
        )}
      </QueryState>
    </div>
  );
}
