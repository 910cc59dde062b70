import { countPerValue, sqlMetricsProvider } from '@calchain/platform';

/**
 * Quality for operations (issue 10): complaints and their time limit, re-measurement
 * requests and corrective actions (CAPA, R-9.2), from quality's own tables at scrape time.
 */
export const qualityBusinessMetrics = sqlMetricsProvider({
  tenantsSql: `select institution_id from known_institution`,
  metrics: [
    {
      name: 'calchain_quality_complaints_open',
      help: 'Complaints not closed',
      sql: `select count(*)::int as value from complaint where status <> 'closed'`,
    },
    {
      name: 'calchain_quality_complaints_breaching',
      help: 'Open complaints past their handling time limit',
      sql: `select count(*)::int as value from complaint where status <> 'closed' and (breached_at is not null or due_at < now())`,
    },
    {
      name: 'calchain_quality_remeasurements_open',
      help: 'Re-measurement requests not closed, by status',
      labelNames: ['status'],
      sql: countPerValue({ label: 'status', values: ['open', 'assigned', 'results-linked'], from: 'remeasurement_request' }),
    },
    {
      name: 'calchain_quality_remeasurements_overdue',
      help: 'Re-measurement requests not closed whose due date has passed',
      sql: `select count(*)::int as value from remeasurement_request where status <> 'closed' and due_on < current_date`,
    },
    {
      name: 'calchain_quality_capa_open',
      help: 'Corrective and risk-control actions not closed, by status',
      labelNames: ['status'],
      sql: countPerValue({ label: 'status', values: ['open', 'planned', 'implemented'], from: 'corrective_action' }),
    },
    {
      name: 'calchain_quality_capa_overdue',
      help: 'Corrective actions not closed whose due date has passed',
      sql: `select count(*)::int as value from corrective_action where status <> 'closed' and due_on < current_date`,
    },
  ],
});
