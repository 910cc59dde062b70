import { Role } from '@calchain/contracts';

/** Roles that see the institution's whole register (staff and the regulator's read-only view). */
const REGISTER_ROLES: readonly Role[] = [
  'intake-clerk', 'calibrator', 'checker', 'authorised-signatory', 'quality-supervisor', 'standard-responsible', 'technical-manager', 'administrator', 'regulator',
];

/**
 * R-7.3.1 (confidentiality): a caller acting only as a customer sees the certificates of its own
 * customer id and nothing else; the result is that id ('' when the token names no customer, which
 * matches nothing), or `undefined` for callers who see the register.
 */
export function customerScope(caller: { roles: readonly Role[]; customerId?: string }): string | undefined {
  if (caller.roles.some((r) => REGISTER_ROLES.includes(r))) return undefined;
  return caller.customerId ?? '';
}

/** A customer reading a certificate that is not theirs (or not issued) learns nothing, not even that it exists. */
export function visibleTo(scope: string | undefined, row: { customer_id: string | null; status: string }): boolean {
  return scope === undefined || (row.customer_id === scope && scope !== '' && row.status !== 'draft');
}
