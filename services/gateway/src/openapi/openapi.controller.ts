import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '@calchain/platform';
import { UPSTREAMS, Upstreams } from '../routing/upstreams';
import { aggregateOpenApi, ServiceDocument } from './aggregate';
import { gatewayPaths } from './gateway-paths';

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
