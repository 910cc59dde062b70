/**
 * gap-free numbers per institution, year and series, e.g. "JZ-2026-000042" for
 * certificates and "JZ-TR-2026-000007" for test reports (a series of their own).
 */
export function formatNumber(prefix: string, year: number, sequence: number, series: 'certificate' | 'test-report' = 'certificate'): string {
  return `${prefix}${series === 'test-report' ? '-TR' : ''}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** issued certificates and their copies are kept at least six years from issue. */
export function retainUntil(issuedOn: string, years = 6): string {
  const [y, m, d] = issuedOn.split('-').map(Number);
  return new Date(Date.UTC(y! + Math.max(6, years), m! - 1, d!)).toISOString().slice(0, 10);
}

/** The lab's calendar day of an instant (Asia/Shanghai by default). */
export function labDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
