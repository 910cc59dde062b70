import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { GatewayConfig } from '../config/gateway-config';

/**
 * Security headers (helmet: CSP, HSTS, nosniff, frame denial), CORS for the configured origins
 * only (none by default), and a body size limit checked from Content-Length before anything runs.
 */
export function edgeMiddleware(config: GatewayConfig) {
  const sizeLimit = (request: Request, response: Response, next: NextFunction) => {
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > config.GATEWAY_MAX_BODY_BYTES) {
      response
        .status(413)
        .type('application/problem+json')
        .send({
          type: 'https://calchain.dev/problems/payload-too-large',
          title: 'Payload too large',
          status: 413,
          detail: `At most ${config.GATEWAY_MAX_BODY_BYTES} bytes.`,
          errors: [{ field: 'body', rule: 'max-size', message: `at most ${config.GATEWAY_MAX_BODY_BYTES} bytes` }],
        });
      return;
    }
    next();
  };
  return [
    helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } }),
    corsFor(config.CORS_ORIGINS),
    sizeLimit,
  ];
}

/** CORS: only listed origins get the Access-Control headers; a preflight ends here. */
export function corsFor(origins: readonly string[]) {
  return (request: Request, response: Response, next: NextFunction) => {
    const origin = request.headers.origin;
    const allowed = typeof origin === 'string' && origins.includes(origin);
    if (allowed) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('vary', 'Origin');
      response.setHeader('access-control-expose-headers', 'retry-after, ratelimit-limit, ratelimit-remaining, idempotent-replayed, x-request-id, location');
    }
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      if (allowed) {
        response.setHeader('access-control-allow-methods', 'GET, HEAD, POST, PUT, PATCH, DELETE');
        response.setHeader('access-control-allow-headers', 'authorization, content-type, idempotency-key, x-calchain-institution, x-request-id');
        response.setHeader('access-control-max-age', '600');
      }
      response.status(allowed ? 204 : 403).end();
      return;
    }
    next();
  };
}
