import { Controller, Get } from '@nestjs/common';
import { Public } from '@calchain/platform';
import { aggregateOpenApi } from './aggregate';
import { gatewayPaths } from './gateway-paths';
import { ServiceDocuments } from './service-documents';

/** The aggregated OpenAPI document, built from each service's /openapi.json (see ServiceDocuments). */
@Public()
@Controller()
export class OpenApiController {
  constructor(private readonly documents: ServiceDocuments) {}

  @Get('openapi.json')
  async document() {
    return aggregateOpenApi(await this.documents.all(), gatewayPaths);
  }
}
