/**
 * One result of a certificate: as the certificates service keeps it in a certificate's
 * content and as its reissue route takes corrected results back. Quantities are decimal strings.
 */
export interface CertificateResultLine {
  resultId: string;
  quantity: string;
  point: string;
  nominal: string | null;
  measuredValue: string;
  referenceValue: string | null;
  error: string | null;
  correction: string | null;
  unit: string;
  expandedUncertainty: string | null;
  uncertaintyUnit: string | null;
  coverageFactor: string | null;
  coverageProbability: string | null;
  adjustment: 'not-adjusted' | 'before-adjustment' | 'after-adjustment';
  limit: string | null;
}
