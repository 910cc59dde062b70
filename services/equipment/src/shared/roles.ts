import { Role } from '@calchain/contracts';

/** Who keeps the ledger, standards and plans: the standard's responsible person and the technical manager. */
export const EQUIPMENT_MANAGERS: Role[] = ['standard-responsible', 'technical-manager', 'administrator'];
/** Who performs intermediate checks. */
export const CHECKERS: Role[] = ['calibrator', 'checker', 'standard-responsible', 'technical-manager', 'administrator'];
/** Who keeps the method library (R-5.2.3 reviews, R-5.2.4 verification and validation). */
export const METHOD_KEEPERS: Role[] = ['technical-manager', 'quality-supervisor', 'administrator'];
/** Who manages rooms and who (or which device account) may post readings. */
export const FACILITY_MANAGERS: Role[] = ['technical-manager', 'administrator'];
export const READING_SENDERS: Role[] = ['technical-manager', 'administrator', 'standard-responsible', 'calibrator'];
