import { countPerValue, sqlMetricsProvider } from '@calchain/platform';

/**
 * Turnaround versus promises for operations (issue 10; time limits, R-7.1.1 item flow),
 * read from intake's own tables at scrape time. Dashboard: deploy/grafana/dashboards/calchain-turnaround.json.
 */
export const intakeBusinessMetrics = sqlMetricsProvider({
  tenantsSql: `select tenant_id from tenant_directory`,
  metrics: [
    {
      name: 'calchain_intake_items',
      help: 'Work-order items by status (in-lab, measured, reviewed: in the laboratory)',
      labelNames: ['status'],
      // Every status of work-orders/domain/item-status.ts, each reported even at zero.
      sql: countPerValue({ label: 'status', values: ['accepted', 'in-lab', 'measured', 'reviewed', 'certificate-issued', 'returned', 'cancelled'], from: 'work_order_item' }),
    },
    {
      name: 'calchain_intake_items_received_total',
      type: 'counter',
      help: 'Items received at the counter or by delivery (R-6.2.2; item_intake rows are immutable)',
      sql: `select count(*)::int as value from item_intake`,
    },
    {
      name: 'calchain_intake_items_overdue',
      help: 'Open items (not issued, returned or cancelled) whose promised or due date has passed',
      sql: `select count(*)::int as value
              from work_order_item i join work_order w on w.id = i.work_order_id
             where i.status not in ('certificate-issued', 'returned', 'cancelled') and coalesce(i.promised_date, w.due_date) < current_date`,
    },
    {
      name: 'calchain_intake_time_limit_promises',
      help: 'Running time-limit promises by clock state (R-6.2.6: running, at-risk, breached)',
      labelNames: ['state'],
      sql: countPerValue({ label: 'state', values: ['running', 'at-risk', 'breached'], from: 'time_limit_promise', value: 't.announced', where: 't.completed_on is null' }),
    },
    {
      name: 'calchain_intake_promises_completed_30d',
      help: 'Time-limit promises completed in the last 30 days, on time or late',
      labelNames: ['on_time'],
      sql: countPerValue({
        label: 'on_time', values: ['true', 'false'], from: 'time_limit_promise',
        value: '(t.completed_on <= t.promised_date)::text', where: 't.completed_on >= current_date - 30',
      }),
    },
  ],
});
