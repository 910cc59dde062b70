import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics';

const probeOrScrape = /^\/(health|ready|metrics)\/?$/;

/**
 * Express middleware timing every request. The route label is the matched route template
 * (`/api/intake/work-orders/:id`), never the raw path, so ids cannot explode the series count;
 * requests that match no route are counted as `unmatched`. /health, /ready and /metrics are not counted.
 */
export function httpMetricsMiddleware(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    // Probes and scrapes are not users' requests: counted, their (database-bound) latency would
    // dominate p95 and error rates of a quiet service. Tracing leaves them out for the same reason.
    if (probeOrScrape.test(req.path)) return next();
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
