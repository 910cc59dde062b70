import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics';

/**
 * Express middleware timing every request. The route label is the matched route template
 * (`/api/intake/work-orders/:id`), never the raw path, so ids cannot explode the series count;
 * requests that match no route are counted as `unmatched`.
 */
export function httpMetricsMiddleware(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
