import { Role } from '@calchain/contracts';

/**
 * THE permission matrix of the edge: every route prefix of every service, who may read (GET,
 * HEAD) and who may write (anything else). A route not listed here is refused: new service routes
 * need a row. Services check their own finer @RequireRoles again; this table is the outer wall and
 * never grants more than a service does. Rendered to services/gateway/PERMISSIONS.md.
 *
 * Regulators (mission: "regulators through read-only endpoints") appear only in `read`, and only
 * where the issue lets them look: authorised scope, standards, certificates, personnel counts
 * per item, complaint statistics (never complainants), equipment status and overdue counts.
 */
export interface RouteRule {
  service: string;
  /** Path under the service, segments separated by '/', ':name' matches one segment. */
  path: string;
  read: readonly Role[];
  write: readonly Role[];
  why?: string;
}

const STAFF: readonly Role[] = [
  'intake-clerk', 'calibrator', 'checker', 'authorised-signatory', 'quality-supervisor', 'standard-responsible', 'technical-manager', 'administrator',
];
const MANAGERS: readonly Role[] = ['technical-manager', 'administrator'];
const QUALITY: readonly Role[] = ['quality-supervisor', 'technical-manager', 'administrator'];
const EQUIPMENT_KEEPERS: readonly Role[] = ['standard-responsible', 'technical-manager', 'administrator'];
const INTAKE: readonly Role[] = ['intake-clerk', 'technical-manager', 'administrator'];
const FIELD: readonly Role[] = ['intake-clerk', 'calibrator', 'technical-manager', 'administrator'];

export const permissionMatrix: readonly RouteRule[] = [
  // intake
  // A customer reads its own orders, items and contracts only: intake narrows it in the database (issue 9).
  { service: 'intake', path: 'work-orders', read: [...STAFF, 'customer'], write: INTAKE, why: 'customer: own orders only' },
  { service: 'intake', path: 'items', read: [...STAFF, 'customer'], write: [...INTAKE, 'calibrator'], why: 'customer: own items only' },
  // Item handling at the window and adjustment with consent: each write to its own people.
  { service: 'intake', path: 'items/:id/intake', read: [], write: ['intake-clerk', 'administrator'] },
  { service: 'intake', path: 'items/:id/return', read: [], write: ['intake-clerk', 'administrator'] },
  { service: 'intake', path: 'items/:id/adjustment-consent', read: [], write: ['intake-clerk', 'administrator'] },
  { service: 'intake', path: 'items/:id/adjustments', read: [], write: ['calibrator', 'technical-manager'] },
  { service: 'intake', path: 'item-intakes', read: STAFF, write: [] },
  { service: 'intake', path: 'customers', read: STAFF, write: ['intake-clerk', 'administrator'] },
  { service: 'intake', path: 'contracts', read: [...STAFF, 'customer'], write: FIELD, why: 'customer: own contracts only' },
  { service: 'intake', path: 'contract-reviews', read: STAFF, write: [] },
  { service: 'intake', path: 'on-site-jobs', read: STAFF, write: FIELD },
  { service: 'intake', path: 'capability', read: [...STAFF, 'regulator'], write: [], why: 'authorised scope' },
  { service: 'intake', path: 'fee-schedule', read: STAFF, write: MANAGERS },
  { service: 'intake', path: 'time-limits', read: STAFF, write: MANAGERS },
  { service: 'intake', path: 'calendar', read: STAFF, write: ['administrator'] },
  { service: 'intake', path: 'disclosure-reviews', read: STAFF, write: ['quality-supervisor', 'administrator'] },
  { service: 'intake', path: 'time-limit-promises', read: [...STAFF, 'regulator'], write: MANAGERS },
  // records
  { service: 'records', path: 'raw-records', read: STAFF, write: ['calibrator', 'checker', 'authorised-signatory', ...QUALITY] },
  { service: 'records', path: 'chain', read: [...QUALITY, 'regulator'], write: QUALITY, why: 'tamper-evidence checkpoints' },
  { service: 'records', path: 'retention', read: QUALITY, write: QUALITY },
  { service: 'records', path: 'regulator', read: [...QUALITY, 'regulator'], write: [], why: 'chain checkpoints and latest verification' },
  // certificates
  { service: 'certificates', path: 'certificates', read: [...STAFF, 'customer', 'regulator'], write: ['authorised-signatory', 'technical-manager'], why: 'certificate register; supplements and reissues (R-6.4.4)' },
  { service: 'certificates', path: 'certificates/:id/sign', read: [], write: ['authorised-signatory'], why: 'R-5.1.3 R-6.4.5 only the authorised signatory signs' },
  // Drafts are not the register: only who works the signing queue previews one (never customers or regulators).
  { service: 'certificates', path: 'certificates/:id/preview', read: ['checker', 'authorised-signatory', 'technical-manager'], write: [], why: 'draft PDF preview: unnumbered, unsigned, not stored (R-6.4.5)' },
  // About the caller as signatory: only who may sign asks whether signing would be refused (never customers or regulators).
  { service: 'certificates', path: 'certificates/:id/signing-readiness', read: ['authorised-signatory'], write: [], why: 'R-5.1.3 R-6.4.5 why signing would be refused, before the PIN' },
  { service: 'certificates', path: 'items', read: STAFF, write: ['intake-clerk', 'technical-manager'] },
  { service: 'certificates', path: 'institution', read: STAFF, write: MANAGERS },
  { service: 'certificates', path: 'signatories', read: STAFF, write: ['authorised-signatory'] },
  { service: 'certificates', path: 'staff', read: [], write: ['calibrator', 'checker', 'authorised-signatory'], why: 'own printed name for the signature manifestation' },
  { service: 'certificates', path: 'archive-access-log', read: ['quality-supervisor', 'administrator'], write: [], why: 'R-7.3.1 document reads' },
  // equipment
  { service: 'equipment', path: 'equipment', read: [...STAFF, 'regulator'], write: [...EQUIPMENT_KEEPERS, 'checker', 'calibrator'], why: 'equipment status, overdue counts' },
  { service: 'equipment', path: 'measurement-standards', read: [...STAFF, 'regulator'], write: EQUIPMENT_KEEPERS, why: 'standard certificates' },
  { service: 'equipment', path: 'calibration-schedule', read: [...STAFF, 'regulator'], write: [] },
  { service: 'equipment', path: 'calibration-plans', read: STAFF, write: EQUIPMENT_KEEPERS },
  { service: 'equipment', path: 'traceability', read: [...STAFF, 'regulator'], write: [] },
  { service: 'equipment', path: 'intermediate-checks', read: STAFF, write: EQUIPMENT_KEEPERS },
  { service: 'equipment', path: 'status-sweeps', read: STAFF, write: EQUIPMENT_KEEPERS },
  { service: 'equipment', path: 'methods', read: STAFF, write: [...EQUIPMENT_KEEPERS, 'quality-supervisor'] },
  { service: 'equipment', path: 'rooms', read: STAFF, write: EQUIPMENT_KEEPERS },
  { service: 'equipment', path: 'environment', read: STAFF, write: [...EQUIPMENT_KEEPERS, 'calibrator'] },
  { service: 'equipment', path: 'institution', read: STAFF, write: MANAGERS },
  { service: 'equipment', path: 'labels', read: STAFF, write: [] },
  { service: 'equipment', path: 'regulator', read: [...QUALITY, 'regulator'], write: [], why: 'due, overdue, suspended counts' },
  // quality
  { service: 'quality', path: 'complaint-policy', read: STAFF, write: ['quality-supervisor', 'administrator'] },
  { service: 'quality', path: 'complaints', read: QUALITY, write: [...QUALITY, 'intake-clerk'] },
  { service: 'quality', path: 'complaints/statistics', read: [...QUALITY, 'regulator'], write: [], why: 'statistics, never complainant identity' },
  { service: 'quality', path: 'regulator', read: [...QUALITY, 'regulator'], write: [], why: 'personnel counts per item, complaint statistics; no personal data' },
  { service: 'quality', path: 'proficiency-rounds', read: [...QUALITY, 'standard-responsible', 'regulator'], write: [...QUALITY, 'standard-responsible'] },
  { service: 'quality', path: 'control-charts', read: [...QUALITY, 'standard-responsible', 'regulator'], write: [...QUALITY, 'standard-responsible', 'calibrator', 'checker'] },
  { service: 'quality', path: 'findings', read: [...QUALITY, 'regulator'], write: QUALITY },
  { service: 'quality', path: 'corrective-actions', read: [...QUALITY, 'regulator'], write: QUALITY },
  { service: 'quality', path: 'improvements', read: [...QUALITY, 'regulator'], write: QUALITY },
  { service: 'quality', path: 'management-review', read: QUALITY, write: [] },
  { service: 'quality', path: 'sweeps', read: [], write: QUALITY },
  { service: 'quality', path: 'persons', read: QUALITY, write: [...QUALITY] },
  { service: 'quality', path: 'authorisations', read: STAFF, write: MANAGERS },
  { service: 'quality', path: 'items', read: [...QUALITY, 'intake-clerk', 'regulator'], write: MANAGERS, why: 'personnel counts per item, not personal data' },
  { service: 'quality', path: 'documents', read: STAFF, write: QUALITY },
  { service: 'quality', path: 'remeasurements', read: [...QUALITY, 'regulator'], write: ['quality-supervisor', 'technical-manager'], why: 'R-8.2 re-measurement of suspicious results' },
  { service: 'quality', path: 'internal-audits', read: [...QUALITY, 'regulator'], write: ['quality-supervisor', 'technical-manager'] },
  { service: 'quality', path: 'supervision-plans', read: [...QUALITY, 'regulator'], write: ['quality-supervisor', 'technical-manager'] },
  { service: 'quality', path: 'satisfaction-surveys', read: QUALITY, write: QUALITY },
  { service: 'quality', path: 'satisfaction', read: [...QUALITY, 'regulator'], write: [], why: 'satisfaction indices, no respondent identity' },
];
