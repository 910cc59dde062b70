import { Dec } from '@calchain/metrology';
import { IsoDate } from '@calchain/platform/calendar';

export type StandardCategory = 'public' | 'department-highest' | 'enterprise-highest' | 'working';
export type CertificateKind = 'assessment' | 'public-standard' | 'authorisation';

export interface StandardCertificate {
  kind: CertificateKind;
  number: string;
  issuer: string;
  issuedOn: IsoDate;
  validUntil: IsoDate;
}

export interface AuthorisedRange {
  lower: string;
  upper: string;
  unit: string;
  bestMeasurementCapability: { expandedUncertainty: string; unit: string; coverageFactor: string };
}

export interface AuthorisedItem {
  itemId: string;
  name: string;
  quantity: string;
  serviceKinds: ('calibration' | 'verification')[];
  methodCodes: string[];
  ranges: AuthorisedRange[];
}

export interface StandardFacts {
  category: StandardCategory;
  servesSociety: boolean;
  suspendedReason: string | null;
  certificates: StandardCertificate[];
  equipment: { assetNumber: string; usable: boolean; status: string }[];
}

/**
 * every measurement standard needs a valid assessment certificate; a public standard also
 * a public-standard certificate; an enterprise or department standard that serves society also an
 * authorisation certificate.
 */
export function requiredCertificates(category: StandardCategory, servesSociety: boolean): CertificateKind[] {
  const kinds: CertificateKind[] = ['assessment'];
  if (category === 'public') kinds.push('public-standard');
  else if (servesSociety) kinds.push('authorisation');
  return kinds;
}

/** Of several certificates of one kind (renewals), the one in force on a day: issued by then, the longest-valid. */
export function certificateInForce(certificates: StandardCertificate[], kind: CertificateKind, on: IsoDate): StandardCertificate | null {
  return (
    certificates
      .filter((c) => c.kind === kind && c.issuedOn <= on)
      .sort((a, b) => b.validUntil.localeCompare(a.validUntil))[0] ?? null
  );
}

export interface ScopeValidity {
  valid: boolean;
  invalidReasons: string[];
  /** Earliest expiry of the required certificates in force; null when one is missing. */
  validUntil: IsoDate | null;
}

/**
 * whether the standard's authorised scope may be worked in on a day: the required
 * certificates are in force, the standard is not suspended, and all its equipment is usable
 * overdue or suspended equipment takes the standard down with it).
 */
export function scopeValidity(facts: StandardFacts, today: IsoDate): ScopeValidity {
  const reasons: string[] = [];
  let validUntil: IsoDate | null = null;
  let missing = false;
  for (const kind of requiredCertificates(facts.category, facts.servesSociety)) {
    const certificate = certificateInForce(facts.certificates, kind, today);
    if (!certificate) {
      reasons.push(`${kind} certificate missing`);
      missing = true;
      continue;
    }
    if (certificate.validUntil < today) reasons.push(`${kind} certificate ${certificate.number} expired on ${certificate.validUntil}`);
    if (validUntil === null || certificate.validUntil < validUntil) validUntil = certificate.validUntil;
  }
  if (facts.suspendedReason) reasons.push(`standard suspended: ${facts.suspendedReason}`);
  if (facts.equipment.length === 0) reasons.push('no equipment assigned');
  for (const e of facts.equipment) if (!e.usable) reasons.push(`equipment ${e.assetNumber} is ${e.status}`);
  return { valid: reasons.length === 0, invalidReasons: reasons, validUntil: missing ? null : validUntil };
}

/** Scope rules on the authorised items: ranges ordered, capability positive, no two items alike. */
export function scopeBreaches(items: Omit<AuthorisedItem, 'itemId'>[]): { field: string; message: string }[] {
  const breaches: { field: string; message: string }[] = [];
  items.forEach((item, i) =>
    item.ranges.forEach((r, j) => {
      if (new Dec(r.lower).greaterThan(new Dec(r.upper))) breaches.push({ field: `items.${i}.ranges.${j}.lower`, message: 'the lower end is above the upper end' });
      if (!new Dec(r.bestMeasurementCapability.expandedUncertainty).greaterThan(0)) {
        breaches.push({ field: `items.${i}.ranges.${j}.bestMeasurementCapability.expandedUncertainty`, message: 'the capability is a positive uncertainty' });
      }
    }),
  );
  const names = items.map((i) => `${i.name}|${i.quantity}`);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) breaches.push({ field: `items.${i}.name`, message: 'the same item is listed twice' });
  });
  return breaches;
}
