import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { httpMetricsMiddleware } from './http-metrics';
import { Metrics } from './metrics';

describe('Metrics', () => {
  it('serves the platform metrics in Prometheus text format', async () => {
    const metrics = new Metrics('intake');
    metrics.httpDuration.observe({ method: 'GET', route: '/work-orders/:id', status: '200' }, 0.02);
    metrics.consumerMessages.inc({ topic: 'calchain.intake.work-order.v1', outcome: 'applied' });
    const text = await metrics.scrape();
    expect(text).toContain('calchain_http_server_request_duration_seconds_bucket{le="0.025",method="GET",route="/work-orders/:id",status="200"} 1');
    expect(text).toContain('calchain_consumer_messages_total{topic="calchain.intake.work-order.v1",outcome="applied"} 1');
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('reads business gauges at scrape time, one series per label set, and leaves out a failed read', async () => {
    const metrics = new Metrics('equipment');
    let due: number | Error = 3;
    metrics.gauge({ name: 'calchain_equipment_due', help: 'due', labelNames: ['state'], collect: async () => {
      if (due instanceof Error) throw due;
      return [{ labels: { state: 'due' }, value: due }, { labels: { state: 'overdue' }, value: 1 }];
    } });
    expect(await metrics.scrape()).toMatch(/calchain_equipment_due\{state="due"\} 3\ncalchain_equipment_due\{state="overdue"\} 1/);
    due = new Error('database down');
    expect(await metrics.scrape()).not.toMatch(/calchain_equipment_due\{/);
  });

  it('refuses names outside the calchain_ namespace and counters without _total', () => {
    const metrics = new Metrics('quality');
    expect(() => metrics.counter({ name: 'complaints_total', help: 'x' })).toThrow(/calchain_/);
    expect(() => metrics.counter({ name: 'calchain_complaints', help: 'x' })).toThrow(/_total/);
    expect(() => metrics.gauge({ name: 'calchain_Open', help: 'x' })).toThrow(/snake_case/);
  });

  it('times users\' requests by route template but not probes and scrapes', async () => {
    const metrics = new Metrics('intake');
    const middleware = httpMetricsMiddleware(metrics);
    for (const [path, route] of [['/work-orders/1', '/work-orders/:id'], ['/metrics', '/metrics'], ['/health', '/health'], ['/ready', '/ready']]) {
      const res = Object.assign(new EventEmitter(), { statusCode: 200 });
      middleware({ path, method: 'GET', baseUrl: '', route: { path: route } } as unknown as Request, res as unknown as Response, () => undefined);
      res.emit('finish');
    }
    const text = await metrics.scrape();
    expect(text).toContain('calchain_http_server_request_duration_seconds_count{method="GET",route="/work-orders/:id",status="200"} 1');
    expect(text).not.toMatch(/route="\/(metrics|health|ready)"/);
  });
});
