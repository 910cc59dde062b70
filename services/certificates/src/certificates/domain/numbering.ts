import { addDays, addYears, labDate } from '@calchain/platform/calendar';

/**
 * gap-free numbers per institution, year and series, e.g. "JZ-2026-000042" for
 * certificates and "JZ-TR-2026-000007" for test reports (a series of their own).
 */
export function formatNumber(prefix: string, year: number, sequence: number, series: 'certificate' | 'test-report' = 'certificate'): string {
  return `${prefix}${series === 'test-report' ? '-TR' : ''}-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * issued certificates and their copies are kept at least six years from issue; "at least"
 * rounds a 29 February up to 1 March, never down to 28 February.
 */
export function retainUntil(issuedOn: string, years = 6): string {
  const anniversary = addYears(issuedOn, Math.max(6, years));
  return anniversary.slice(5) === issuedOn.slice(5) ? anniversary : addDays(anniversary, 1);
}

export { labDate };
