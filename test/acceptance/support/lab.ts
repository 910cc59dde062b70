import { createHash, randomUUID } from 'node:crypto';
import { EAST, labDay, NETWORK, ok, Scenario, WEST } from './scenario';

/** The verification/calibration item of the scenario: gauge blocks by JJG 146-2011 (item code = method code). */
export const METHOD = { code: 'JJG 146-2011', version: '2011' };
export const ITEM_CODE = METHOD.code;
export const PIN = '271828';

/** Registry users (OIDC subject = registry user id). Lab staff measured in records are quality persons. */
export const U = {
  admin: 'net-admin',
  clerk: 'east-clerk',
  manager: 'east-tm',
  supervisor: 'east-qs',
  handler: 'east-handler',
  trainee: 'east-trainee',
  westClerk: 'west-clerk',
  regulator: 'regulator-samr',
};

export const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export const member = (id: string, roles: string[], institution = EAST, site?: string) => ({
  id, issuer: 'calchain-dev-issuer', subject: id, displayName: id,
  memberships: [{ network: NETWORK, institution, ...(site ? { site } : {}), roles }],
});

export const INSTITUTIONS = [
  {
    id: EAST, name: 'East Metrology Institute', legalStatus: 'legal-entity', registrationNumber: 'ACC-0001',
    responsiblePersons: [{ name: 'Director East', function: 'legal representative' }],
    serviceFlow: 'Order → review → receipt → calibration → check → approval → certificate → return',
    serviceCommitments: 'Certificates within the published time limits.', disclosureReviewedOn: labDay(-30),
    sites: [{ id: 'east-main', name: 'Main laboratory', address: '1 Gauge Street' }, { id: 'east-field', name: 'Field unit', address: '9 Depot Road' }],
  },
  {
    id: WEST, name: 'West Metrology Branch', legalStatus: 'authorised-by-legal-entity', authorisingEntity: 'Acceptance Metrology Group Ltd',
    responsiblePersons: [{ name: 'Branch Manager West', function: 'branch manager' }],
    sites: [{ id: 'west-main', name: 'West laboratory', address: '5 River Road' }],
  },
];

export const STAFF_USERS = [
  member(U.clerk, ['intake-clerk'], EAST, 'east-main'),
  member(U.manager, ['technical-manager', 'standard-responsible'], EAST, 'east-main'),
  member(U.supervisor, ['quality-supervisor'], EAST, 'east-main'),
  member(U.handler, ['quality-supervisor'], EAST, 'east-main'),
  member(U.trainee, ['calibrator'], EAST, 'east-field'),
  member(U.westClerk, ['intake-clerk'], WEST, 'west-main'),
];

export interface Staff {
  responsible: string;
  calibrator: string;
  checker: string;
  signatory: string;
}

let nationalSeq = 0;
const nationalId = () => `1101051980${String(++nationalSeq).padStart(4, '0')}${randomUUID().replace(/\D/g, '').slice(0, 4)}`;

/**
 * a person of the ledger, employed on site, trained and examined for the
 * item, then authorised in `roles` — all through the quality service's API.
 */
export async function authorisedPerson(s: Scenario, fullName: string, title: string, roles: string[]): Promise<string> {
  const person = ok(await s.as(U.manager, 'POST', '/api/quality/persons', { fullName, birthDate: '1984-03-12', nationalId: nationalId(), title }));
  ok(await s.as(U.manager, 'POST', `/api/quality/persons/${person.id}/employments`, { employmentType: 'employee', onSite: true, startedOn: labDay(-400) }));
  for (const kind of ['training', 'examination']) {
    ok(await s.as(U.manager, 'POST', `/api/quality/persons/${person.id}/competence`, {
      kind, itemCode: ITEM_CODE, title: `${kind} ${ITEM_CODE}`, completedOn: labDay(-20), result: kind === 'training' ? 'attended' : 'passed',
    }));
  }
  for (const role of roles) {
    ok(await s.as(U.manager, 'POST', `/api/quality/persons/${person.id}/authorisations`, { itemCode: ITEM_CODE, role, validFrom: labDay(), validUntil: labDay(365) }));
  }
  return person.id;
}

export interface Equipment {
  methodId: string;
  comparatorId: string;
  standardId: string;
}

/** method verified, comparator calibrated and traceable, standard certified with its scope. */
export async function equipLab(s: Scenario): Promise<Equipment> {
  // Setup, not the rule under test: any success will do (each route's own status is its service's business).
  const tm = (method: string, path: string, body: unknown) => s.as(U.manager, method, path, body).then((a) => ok(a));
  const method = await tm('POST', '/api/equipment/methods', {
    code: METHOD.code, title: 'Gauge blocks', version: METHOD.version, type: 'national', documentKind: 'verification-regulation', effectiveFrom: '2012-05-01',
    environmentalLimits: [{ quantity: 'temperature', lower: '19.0', upper: '21.0', unit: '°C' }],
    readings: [{ symbol: 'd', description: 'difference to the reference block', unit: 'mm', repetitions: 6 }],
    measurementModel: { output: 'L', expression: 'lS + d', inputs: ['lS', 'd'] },
    requiredEquipmentKinds: ['gauge block comparator'], reviewIntervalMonths: 12,
  });
  await tm('POST', `/api/equipment/methods/${method.methodId}/verification`, { on: labDay(-30), reference: 'VER-ACC-146' });
  const comparator = await tm('POST', '/api/equipment/equipment', {
    assetNumber: 'CMP-ACC-1', name: 'Gauge block comparator', kind: 'standard-equipment', equipmentType: 'comparator', location: 'Length lab',
    ownerSection: 'Length', calibrationRequired: true, calibrationIntervalMonths: 12,
  });
  await tm('POST', `/api/equipment/equipment/${comparator.id}/calibrations`, {
    certificateNumber: 'NIM-ACC-1', issuer: 'NIM', calibratedOn: labDay(-20), reference: { kind: 'external', name: 'NIM', traceableTo: 'national-primary-standard' },
  });
  const standard = await tm('POST', '/api/equipment/measurement-standards', {
    code: '[2025]ACC-GB-01', name: 'Gauge block standard', category: 'working', servesSociety: false, equipmentIds: [comparator.id],
  });
  for (const kind of ['assessment', 'authorisation']) {
    await tm('POST', `/api/equipment/measurement-standards/${standard.standardId}/certificates`, { kind, number: `${kind}-ACC-01`, issuer: 'SAMR', issuedOn: labDay(-100), validUntil: labDay(900) });
  }
  await tm('PUT', `/api/equipment/measurement-standards/${standard.standardId}/scope`, {
    items: [{
      name: 'Gauge blocks', quantity: 'length', serviceKinds: ['calibration'], methodCodes: [METHOD.code],
      ranges: [{ lower: '0.5', upper: '100', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: '0.050', unit: 'µm', coverageFactor: '2' } }],
    }],
  });
  return { methodId: method.methodId, comparatorId: comparator.id, standardId: standard.standardId };
}

/** One contract line: what, how, where, by when, at what price. */
export function line(overrides: Record<string, unknown> = {}) {
  return {
    instrumentType: 'Gauge block', manufacturer: 'Mitutoyo', model: 'BM1-50', serialNumber: 'GB-A', accuracyClass: 'grade 1',
    range: { lower: '0.5', upper: '100', unit: 'mm' }, requiredUncertainty: { value: '0.10', unit: 'µm' },
    serviceKind: 'calibration', methodCode: METHOD.code, methodVersion: METHOD.version, discipline: 'length', place: 'lab', feeCode: 'L-146',
    ...overrides,
  };
}

/** How the clerk records a customer's decision. */
export const consent = (contactId: string, reference: string) => ({ decision: 'granted', form: 'written', givenOn: labDay(), contactId, reference });

export const attachment = (kind: string) => ({ kind, fileName: `${kind}.pdf`, mediaType: 'application/pdf', sizeBytes: 40_000, sha256: sha(kind), storageRef: `docs://on-site/${kind}.pdf` });

/** The model of the method: L = lS + d, lS from the reference block's certificate, d from the readings (Type A). */
export const calculation = (limit?: string) => ({
  quantity: 'length', unit: 'mm', outputKind: 'value', p: '0.9545',
  inputs: { lS: { estimate: '50.00002', u: { halfWidth: '0.00006', dist: 'normal', k: '2' }, source: 'certificate NIM-ACC-1 of the reference block' } },
  ...(limit ? { points: { '50 mm': { limit } } } : {}),
});

export const readings = (values: string[]) => ({ readings: values.map((value) => ({ symbol: 'd', point: '50 mm', nominal: '50', value })) });
