import { countPerValue, sqlMetricsProvider } from '@calchain/platform';

/**
 * Equipment and environment for operations (issue 10; due dates and suspension, R-5.4
 * environmental conditions). The status is the one the status sweeper last published.
 */
export const equipmentBusinessMetrics = sqlMetricsProvider({
  tenantsSql: `select tenant_id from tenant_directory`,
  metrics: [
    {
      name: 'calchain_equipment',
      help: 'Equipment not retired, by published status (due: calibration due soon; overdue; suspended; out-of-service)',
      labelNames: ['status'],
      sql: countPerValue({
        label: 'status', values: ['in-service', 'due', 'overdue', 'suspended', 'out-of-service'], from: 'equipment',
        value: `coalesce(t.published_status, 'in-service')`, where: 't.retired_on is null',
      }),
    },
    {
      name: 'calchain_equipment_env_excursions_open',
      help: 'Environmental excursions still going on (a room outside the limits of a method)',
      sql: `select count(*)::int as value from env_excursion where ended_at is null`,
    },
    {
      name: 'calchain_equipment_env_excursions_total',
      type: 'counter',
      help: 'Environmental excursions started (rows are kept)',
      sql: `select count(*)::int as value from env_excursion`,
    },
  ],
});
