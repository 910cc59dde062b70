import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public, ProblemException, problemTypeBase } from '@calchain/platform';
import { UPSTREAMS, Upstreams } from './upstreams';

/** Headers passed on to the service; everything else (cookies, hop-by-hop) stays at the edge. */
const forwardedRequestHeaders = ['authorization', 'content-type', 'accept', 'x-request-id', 'traceparent', 'tracestate', 'idempotency-key'];
const forwardedResponseHeaders = ['content-type', 'location', 'x-request-id', 'etag', 'content-disposition'];

/**
 * /api/<service>/<path> → <service>/<path>. The guard has checked the token already; the token
 * itself goes along, because each service verifies the caller again.
 */
@Controller('api')
export class ForwardingController {
  constructor(@Inject(UPSTREAMS) private readonly upstreams: Upstreams) {}

  /**
   * A service's `public/…` routes (disclosure, certificate verification, status labels) pass
   * without a token; the service itself marks them @Public() and refuses anything else.
   */
  @Public()
  @All(':service/public/*path')
  forwardPublic(@Req() request: Request & { rawBody?: Buffer }, @Res() response: Response): Promise<void> {
    return this.forward(request, response);
  }

  @All(':service/*path')
  async forward(@Req() request: Request & { rawBody?: Buffer }, @Res() response: Response): Promise<void> {
    const base = this.upstreams.get(request.params['service'] as string);
    if (!base) throw ProblemException.notFound('API', request.params['service'] as string);
    const target = base + request.originalUrl.replace(/^\/api\/[^/?]+/, '');
    const headers = new Headers();
    for (const name of forwardedRequestHeaders) {
      const value = request.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    headers.set('x-request-id', String(response.getHeader('x-request-id') ?? request.headers['x-request-id'] ?? ''));
    const hasBody = !['GET', 'HEAD'].includes(request.method);
    if (hasBody && !request.rawBody && Number(request.headers['content-length'] ?? 0) > 0) {
      // Only bodies the edge has read (JSON, forms) are forwarded; nothing is dropped silently.
      throw new ProblemException({
        type: `${problemTypeBase}unsupported-media-type`,
        title: 'Unsupported media type',
        status: 415,
        detail: 'Send application/json.',
        errors: [{ field: 'content-type', rule: 'media-type', message: 'application/json expected' }],
      });
    }
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(target, {
        method: request.method,
        headers,
        body: hasBody && request.rawBody ? new Uint8Array(request.rawBody) : undefined,
        signal: AbortSignal.timeout(30000),
      });
    } catch (error) {
      throw new ProblemException({
        type: `${problemTypeBase}upstream-unavailable`,
        title: 'Service unavailable',
        status: 502,
        detail: `The ${request.params['service']} service did not answer (${(error as Error).name}).`,
      });
    }
    response.status(upstream.status);
    for (const name of forwardedResponseHeaders) {
      const value = upstream.headers.get(name);
      if (value) response.setHeader(name, value);
    }
    response.send(Buffer.from(await upstream.arrayBuffer()));
  }
}
