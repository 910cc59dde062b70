import { countPerValue, sqlMetricsProvider } from '@calchain/platform';

/**
 * Certificates for operations (issue 10; ): issued ones as a counter (issued rows are never
 * deleted, triggers refuse it), so `increase(...[1h])` is certificates issued per hour.
 */
export const certificatesBusinessMetrics = sqlMetricsProvider({
  metrics: [
    {
      name: 'calchain_certificates_issued_total',
      type: 'counter',
      help: 'Certificates issued (signed), including ones later voided by a reissue',
      sql: `select count(*)::int as value from certificate where issued_at is not null`,
    },
    {
      name: 'calchain_certificates',
      help: 'Certificates by status (draft: approved records waiting for a signature)',
      labelNames: ['status'],
      sql: countPerValue({ label: 'status', values: ['draft', 'issued', 'void'], from: 'certificate' }),
    },
  ],
});
