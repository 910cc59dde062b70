import { Role } from '@calchain/contracts';

/** Who captures measurements (their item authorisation is checked on top, R-5.1.4). */
export const CAPTURERS: Role[] = ['calibrator'];
/** Who reviews and approves (their item authorisation as checker is checked on top). */
export const REVIEWERS: Role[] = ['checker'];
/** Who may read raw records; reads by anyone outside the job are logged. */
export const RECORD_READERS: Role[] = [
  'calibrator', 'checker', 'authorised-signatory', 'quality-supervisor', 'standard-responsible', 'technical-manager', 'administrator', 'regulator',
];
/** Who keeps the archive: destruction lists, access logs, chain checkpoints. */
export const ARCHIVE_KEEPERS: Role[] = ['quality-supervisor', 'technical-manager', 'administrator'];
/** Who may approve a destruction list (a different person from the one who drew it up). */
export const DESTRUCTION_APPROVERS: Role[] = ['technical-manager', 'administrator'];
/** Who may verify the chain. */
export const CHAIN_VERIFIERS: Role[] = ['quality-supervisor', 'technical-manager', 'administrator', 'regulator'];
