import { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/status';
import { ExtraFacts, FactList, isObj, list, Obj, text } from './fact-list';

/**
 * The sections of the public disclosure as the services serve them
 * through the gateway (services/gateway/src/public/disclosure.ts):
 * - measurementStandards: equipment's GET /public/:tenant/measurement-standards — a list of
 *   standards, each with its certificates and authorised scope;
 * - feeSchedule / timeLimits: intake's published documents — `entries` plus the last review;
 * - complaintPolicy: quality's usable channels with their contacts, the handling flow and the
 *   handling days.
 * Any other shape is shown as a definition list, never as JSON text.
 */

/** Today in the reader's own calendar (a certificate shown as expired from the day after its last valid day). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** R-4.4 "keep them current and check them": the last review of a published document, or that it has none. */
export function ReviewLine({ lastReviewedOn, nextReviewDue, overdue, extra }: { lastReviewedOn: string | null; nextReviewDue?: string | null; overdue?: boolean; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <p className="section-meta" data-testid="last-reviewed">
      {lastReviewedOn ? <span>{t('disclosure.lastReviewed', { date: lastReviewedOn })}</span> : <span>{t('disclosure.notReviewed')}</span>}
      {nextReviewDue ? <span className="muted">{t('disclosure.nextReview', { date: nextReviewDue })}</span> : null}
      {overdue ? <Badge tone="warn">{t('disclosure.reviewOverdue')}</Badge> : null}
      {extra}
    </p>
  );
}

/** A table cell that, on a phone, becomes a labelled line of a card (styles.css `.stack-table`). */
function Td({ label, className, children, testId }: { label: string; className?: string; children: ReactNode; testId?: string }) {
  return <td data-label={label} className={className} data-testid={testId}><div className="cell-value">{children}</div></td>;
}

const isPublished = (c: unknown): c is Obj & { entries: unknown[] } => isObj(c) && Array.isArray(c.entries);

function PublishedMeta({ doc }: { doc: Obj }) {
  const { t } = useTranslation();
  const changed = text(doc.lastChangedAt);
  return (
    <ReviewLine
      lastReviewedOn={text(doc.lastReviewedOn)}
      nextReviewDue={text(doc.nextReviewDue)}
      overdue={doc.reviewOverdue === true}
      extra={changed ? <span className="muted">{t('disclosure.lastChanged', { date: changed.slice(0, 10) })}</span> : null}
    />
  );
}

const PUBLISHED_KNOWN = ['institution', 'entries', 'lastReviewedOn', 'nextReviewDue', 'reviewOverdue', 'lastChangedAt'] as const;

/** A service kind ('calibration' / 'verification') in the reader's language; anything else as given. */
function useServiceKind() {
  const { t } = useTranslation();
  return (kind: unknown) => {
    const k = text(kind);
    return k ? t(`serviceKind.${k}`, { defaultValue: k }) : '—';
  };
}

/** fee schedule: each fee as served — the decimal string and its currency, never re-computed. */
export function FeeSchedule({ content }: { content: unknown }) {
  const { t } = useTranslation();
  const kind = useServiceKind();
  if (!isPublished(content)) return <FactList value={content} testId="fee-schedule-facts" />;
  const rows = content.entries.filter(isObj);
  return (
    <>
      <PublishedMeta doc={content} />
      {rows.length === 0 ? (
        <p className="empty">{t('disclosure.noFees')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="fee-schedule" className="stack-table">
            <caption className="sr-only">{t('disclosure.section.feeSchedule')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('disclosure.feeItem')}</th>
                <th scope="col">{t('disclosure.feeService')}</th>
                <th scope="col">{t('disclosure.feePrice')}</th>
                <th scope="col">{t('disclosure.feeUnit')}</th>
                <th scope="col">{t('disclosure.feeBasis')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((f, i) => {
                const price = text(f.unitPrice);
                return (
                  <tr key={text(f.code) ?? i}>
                    <Td label={t('disclosure.feeItem')}>{text(f.description) ?? '—'}{f.code ? <div className="muted small">{text(f.code)}</div> : null}</Td>
                    <Td label={t('disclosure.feeService')}>{[f.serviceKind ? kind(f.serviceKind) : null, text(f.discipline)].filter(Boolean).join(' · ') || '—'}</Td>
                    <Td label={t('disclosure.feePrice')} className="num" testId="fee-price">{price ? `${price} ${text(f.currency) ?? ''}`.trim() : '—'}</Td>
                    <Td label={t('disclosure.feeUnit')}>{text(f.unit) ?? '—'}</Td>
                    <Td label={t('disclosure.feeBasis')}>{text(f.basis) ?? '—'}</Td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ExtraFacts value={content} known={PUBLISHED_KNOWN} />
    </>
  );
}

/** time limits: working days from acceptance, per discipline and service kind. */
export function TimeLimits({ content }: { content: unknown }) {
  const { t } = useTranslation();
  const kind = useServiceKind();
  if (!isPublished(content)) return <FactList value={content} testId="time-limits-facts" />;
  const rows = content.entries.filter(isObj);
  return (
    <>
      <PublishedMeta doc={content} />
      {rows.length === 0 ? (
        <p className="empty">{t('disclosure.noTimeLimits')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="time-limits" className="stack-table">
            <caption className="sr-only">{t('disclosure.section.timeLimits')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('disclosure.tlDiscipline')}</th>
                <th scope="col">{t('disclosure.tlService')}</th>
                <th scope="col">{t('disclosure.tlLimit')}</th>
                <th scope="col">{t('disclosure.tlNote')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e, i) => (
                <tr key={i}>
                  <Td label={t('disclosure.tlDiscipline')}>{text(e.discipline) ?? '—'}</Td>
                  <Td label={t('disclosure.tlService')}>{kind(e.serviceKind)}</Td>
                  <Td label={t('disclosure.tlLimit')} className="num">{typeof e.workingDays === 'number' ? t('disclosure.workingDays', { count: e.workingDays }) : (text(e.workingDays) ?? '—')}</Td>
                  <Td label={t('disclosure.tlNote')}>{text(e.note) ?? '—'}</Td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">{t('disclosure.workingDaysHint')}</p>
      <ExtraFacts value={content} known={PUBLISHED_KNOWN} />
    </>
  );
}

/** "0.5 – 100 mm", the decimals as served. */
const rangeText = (r: Obj) => {
  const lower = text(r.lower);
  const upper = text(r.upper);
  const span = lower !== null && upper !== null ? `${lower} – ${upper}` : (lower ?? upper ?? '—');
  return `${span} ${text(r.unit) ?? ''}`.trim();
};

function Cmc({ value }: { value: unknown }) {
  if (!isObj(value) || text(value.expandedUncertainty) === null) return <span className="muted">—</span>;
  const k = text(value.coverageFactor);
  return (
    <span className="num">
      {`U = ${text(value.expandedUncertainty)} ${text(value.unit) ?? ''}`.trim()}
      {k ? ` (k = ${k})` : ''}
    </span>
  );
}

/** one measurement standard: authorisation certificates (number, issuer, validity) and authorised scope. */
function Standard({ standard, today }: { standard: Obj; today: string }) {
  const { t } = useTranslation();
  const kind = useServiceKind();
  const certificates = list(standard.certificates).filter(isObj);
  const items = list(standard.items).filter(isObj);
  const reasons = list(standard.invalidReasons).map(text).filter((r): r is string => r !== null);
  const category = text(standard.category);
  const validUntil = text(standard.validUntil);
  return (
    <article className="card standard-card" data-testid="measurement-standard">
      <h3>{text(standard.name) ?? '—'}</h3>
      <p className="section-meta">
        {text(standard.code) ? <span>{t('disclosure.standardCode')}: {text(standard.code)}</span> : null}
        {category ? <span className="muted">{t(`standardCategory.${category}`, { defaultValue: category })}</span> : null}
        {standard.valid === false ? (
          <Badge tone="bad">{t('disclosure.standardInvalid')}</Badge>
        ) : standard.valid === true ? (
          <Badge tone="ok">{validUntil ? t('disclosure.standardValidUntil', { date: validUntil }) : t('disclosure.standardValid')}</Badge>
        ) : null}
      </p>
      {standard.valid === false && reasons.length > 0 ? (
        <ul className="reasons" aria-label={t('disclosure.invalidReasons')}>
          {reasons.map((r) => <li key={r}>{r}</li>)}
        </ul>
      ) : null}

      <h4>{t('disclosure.certificates')}</h4>
      {certificates.length === 0 ? (
        <p className="empty">{t('common.none')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="standard-certificates" className="stack-table">
            <thead>
              <tr>
                <th scope="col">{t('disclosure.certificateKind')}</th>
                <th scope="col">{t('disclosure.certificateNumber')}</th>
                <th scope="col">{t('disclosure.issuer')}</th>
                <th scope="col">{t('disclosure.validity')}</th>
              </tr>
            </thead>
            <tbody>
              {certificates.map((c, i) => {
                const until = text(c.validUntil);
                const expired = until !== null && until < today;
                const certificateKind = text(c.kind);
                return (
                  <tr key={i} data-expired={expired}>
                    <Td label={t('disclosure.certificateKind')}>{certificateKind ? t(`standardCertificateKind.${certificateKind}`, { defaultValue: certificateKind }) : '—'}</Td>
                    <Td label={t('disclosure.certificateNumber')}>{text(c.number) ?? '—'}</Td>
                    <Td label={t('disclosure.issuer')}>{text(c.issuer) ?? '—'}</Td>
                    <Td label={t('disclosure.validity')} className="num">
                      {text(c.issuedOn) ?? '…'} – {until ?? '…'}
                      {expired ? <> <Badge tone="bad">{t('disclosure.expired')}</Badge></> : null}
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h4>{t('disclosure.scope')}</h4>
      {items.length === 0 ? (
        <p className="empty">{t('common.none')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="standard-scope" className="stack-table">
            <thead>
              <tr>
                <th scope="col">{t('disclosure.scopeItem')}</th>
                <th scope="col">{t('disclosure.scopeRange')}</th>
                <th scope="col">{t('disclosure.scopeCmc')}</th>
                <th scope="col">{t('disclosure.scopeMethod')}</th>
              </tr>
            </thead>
            <tbody>
              {items.flatMap((item, i) => {
                const ranges = list(item.ranges).filter(isObj);
                const rows = ranges.length ? ranges : [null];
                const services = list(item.serviceKinds).map(kind).join(' / ');
                const methods = list(item.methodCodes).map(text).filter(Boolean).join('; ');
                // One row per range, each complete (item, range, CMC, method): on a phone every row is a card of its own.
                return rows.map((r, j) => (
                  <tr key={`${i}-${j}`}>
                    <Td label={t('disclosure.scopeItem')}>
                      {text(item.name) ?? '—'}
                      <div className="muted small">{[text(item.quantity), services].filter(Boolean).join(' · ')}</div>
                    </Td>
                    <Td label={t('disclosure.scopeRange')} className="num">{r ? rangeText(r) : '—'}</Td>
                    <Td label={t('disclosure.scopeCmc')}>{r ? <Cmc value={r.bestMeasurementCapability} /> : '—'}</Td>
                    <Td label={t('disclosure.scopeMethod')}>{methods || '—'}</Td>
                  </tr>
                ));
              })}
            </tbody>
          </table>
        </div>
      )}
      <ExtraFacts value={standard} known={['standardId', 'code', 'name', 'category', 'servesSociety', 'valid', 'invalidReasons', 'validUntil', 'certificates', 'equipmentIds', 'items']} />
    </article>
  );
}

/** the institution's measurement standards with their authorisation certificates and scope. */
export function MeasurementStandards({ content, today = localToday() }: { content: unknown; today?: string }) {
  const { t } = useTranslation();
  if (!Array.isArray(content)) return <FactList value={content} testId="measurement-standards-facts" />;
  if (content.length === 0) return <p className="empty">{t('disclosure.noStandards')}</p>;
  return (
    <>
      <p className="section-meta muted small">{t('disclosure.standardsReviewNote')}</p>
      {content.map((s, i) => (isObj(s) ? <Standard key={text(s.standardId) ?? i} standard={s} today={today} /> : <FactList key={i} value={s} />))}
    </>
  );
}

/** The channels in the order quality serves them (services/quality/src/complaints/domain/complaint.ts). */
const CHANNEL_ORDER = ['web-form', 'phone', 'mail', 'email', 'in-person'];
const channelRank = (c: string) => (CHANNEL_ORDER.includes(c) ? CHANNEL_ORDER.indexOf(c) : CHANNEL_ORDER.length);

/** A dialable tel: URI: visual separators and spaces dropped, the leading + kept. */
const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/** An address as written, line by line. */
const Lines = ({ value }: { value: string }) => <>{value.split(/\r?\n/).filter((l) => l.trim()).map((l, i) => <div key={i}>{l}</div>)}</>;

/** the public complaint form of an institution (apps/console/src/app.tsx). */
export const complaintFormPath = (institution: string) => `/complaints/${encodeURIComponent(institution)}/new`;

/**
 * the published handling flow as an ordered list: default steps come as codes to
 * translate; the institution's own steps are shown as written. Nothing when none is published.
 */
export function ComplaintFlow({ policy }: { policy: Obj }) {
  const { t } = useTranslation();
  const steps = list(policy.flow).map(text).filter((s): s is string => s !== null && s.trim() !== '');
  if (steps.length === 0) return null;
  const step = (s: string) => (policy.flowKind === 'default-codes' ? t(`complaintFlowStep.${s}`, { defaultValue: s }) : s);
  return (
    <ol className="flow-steps" data-testid="complaint-flow">
      {steps.map((s, i) => <li key={i}>{step(s)}</li>)}
    </ol>
  );
}

/**
 * complaint channels with the number or address to use each, office hours, the
 * handling flow and the time limit. Quality lists only channels a complainant can use; the sites
 * come from the registry (served with the disclosure), so letters and visits to them are added here.
 * The web form is a link to this institution's form page, usable on the phone without logging in.
 */
export function ComplaintPolicy({ content, sites, institution }: { content: unknown; sites: { name: string; address: string }[]; institution: string }) {
  const { t } = useTranslation();
  if (!isObj(content) || !(Array.isArray(content.channels) || typeof content.handlingDays === 'number')) {
    return <FactList value={content} testId="complaint-policy-facts" />;
  }
  const publishedOn = text(content.publishedOn);
  const contacts = isObj(content.contacts) ? content.contacts : {};
  const phone = text(contacts.phone);
  const email = text(contacts.email);
  const postalAddress = text(contacts.postalAddress);
  const officeHours = text(contacts.officeHours);
  const served = list(content.channels).map(text).filter((c): c is string => c !== null);
  // Without a complaint address of its own, a letter still reaches the institution's sites.
  const channels = (served.includes('mail') || sites.length === 0 ? served : [...served, 'mail']).sort((a, b) => channelRank(a) - channelRank(b));
  const hasFlow = list(content.flow).some((s) => (text(s) ?? '').trim() !== '');
  const notPublished = <span className="muted">{t('disclosure.contactNotPublished')}</span>;
  const atSites = sites.length > 0 ? sites.map((s, i) => <div key={i}>{`${s.name}, ${s.address}`}</div>) : notPublished;
  const contact = (channel: string) => {
    switch (channel) {
      case 'web-form':
        return <Link to={complaintFormPath(institution)} data-testid="complaint-form-link">{t('disclosure.webFormContact')}</Link>;
      case 'phone':
        return phone ? <a href={telHref(phone)}>{phone}</a> : notPublished;
      case 'email':
        return email ? <a href={`mailto:${email}`}>{email}</a> : notPublished;
      case 'mail':
        return postalAddress ? <Lines value={postalAddress} /> : atSites;
      case 'in-person':
        return atSites;
      default:
        return notPublished;
    }
  };
  return (
    <>
      <p className="section-meta" data-testid="last-reviewed">
        {publishedOn ? <span>{t('disclosure.policyPublishedOn', { date: publishedOn })}</span> : <span className="muted">{t('disclosure.policyDefault')}</span>}
      </p>
      {typeof content.handlingDays === 'number' ? (
        <p className="time-limit" data-testid="complaint-time-limit"><strong>{t('disclosure.complaintLimit', { count: content.handlingDays })}</strong></p>
      ) : null}
      {channels.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="complaint-channels" className="stack-table">
            <thead>
              <tr><th scope="col">{t('disclosure.complaintChannel')}</th><th scope="col">{t('disclosure.complaintContact')}</th></tr>
            </thead>
            <tbody>
              {channels.map((c) => (
                <tr key={c}>
                  <Td label={t('disclosure.complaintChannel')}>{t(`complaintChannel.${c}`, { defaultValue: c })}</Td>
                  <Td label={t('disclosure.complaintContact')}>{contact(c)}</Td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {officeHours ? <p className="section-meta" data-testid="complaint-office-hours">{t('disclosure.officeHours', { hours: officeHours })}</p> : null}
      {hasFlow ? (
        <>
          <h3>{t('disclosure.complaintFlow')}</h3>
          <ComplaintFlow policy={content} />
        </>
      ) : null}
      <ExtraFacts value={content} known={['institution', 'channels', 'contacts', 'flow', 'flowKind', 'handlingDays', 'publishedOn']} />
    </>
  );
}

/** the service flow, served as one text ("委托 → 收样 → …"): its steps as an ordered list. */
export function serviceFlowSteps(flow: string): string[] {
  return flow.split(/\s*(?:→|->|⟶|⇒|➔|\r?\n)\s*/).map((s) => s.replace(/^\d+[.、)]\s*/, '').trim()).filter(Boolean);
}

export function ServiceFlow({ flow }: { flow: string | null }) {
  const { t } = useTranslation();
  if (!flow) return <p className="empty">{t('disclosure.notPublished')}</p>;
  const steps = serviceFlowSteps(flow);
  if (steps.length <= 1) return <p>{flow}</p>;
  return (
    <ol className="flow-steps" data-testid="service-flow">
      {steps.map((s, i) => <li key={i}>{s}</li>)}
    </ol>
  );
}

export function Commitments({ text: commitments }: { text: string | null }) {
  const { t } = useTranslation();
  if (!commitments) return <p className="empty">{t('disclosure.notPublished')}</p>;
  return (
    <div data-testid="service-commitments">
      {commitments.split(/\r?\n+/).filter((p) => p.trim()).map((p, i) => <p key={i}>{p}</p>)}
    </div>
  );
}
