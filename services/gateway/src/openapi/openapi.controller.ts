import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '@calchain/platform';
import { UPSTREAMS, Upstreams } from '../routing/upstreams';
import { aggregateOpenApi, ServiceDocument } from './aggregate';

const gatewayPaths = {
  '/public/institutions/{institution}/disclosure': { get: { summary: 'Public disclosure of an institution (R-4.4, R-6.2.1, R-8.3.1)', security: [] } },
  '/public/certificates/verify': { get: { summary: 'Verify a certificate by number and document hash', security: [] } },
  '/public/institutions/{institution}/complaints': {
    post: {
      summary: 'Public complaint form (R-8.3.1): answers the reference number and time limit; Idempotency-Key honoured; strict per-client rate limit',
      security: [],
    },
  },
  '/dev-issuer/jwks.json': { get: { summary: 'Development issuer keys (development only)', security: [] } },
};

/** The aggregated OpenAPI document, built from each service's /openapi.json when asked. */
@Public()
@Controller()
export class OpenApiController {
  constructor(@Inject(UPSTREAMS) private readonly upstreams: Upstreams) {}

  @Get('openapi.json')
  async document() {
    const documents = new Map(
      await Promise.all(
        [...this.upstreams].map(async ([service, base]) => {
          try {
            const response = await fetch(`${base}/openapi.json`, { signal: AbortSignal.timeout(5000) });
            return [service, response.ok ? ((await response.json()) as ServiceDocument) : undefined] as const;
          } catch {
            return [service, undefined as ServiceDocument | undefined] as const;
          }
        }),
      ),
    );
    return aggregateOpenApi(documents, gatewayPaths);
  }
}
