import { Controller, Get, Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Public } from '@calchain/platform';
import { buildOpenApi } from './openapi';

/** GET /openapi.json: the service's API as it runs (routes, zod schemas, roles, problem+json errors). */
@Controller()
export class ApiDocsController {
  private document: unknown;

  constructor(private readonly discovery: DiscoveryService) {}

  @Public()
  @Get('openapi.json')
  openApi() {
    this.document ??= buildOpenApi(
      this.discovery.getControllers().map((w) => w.metatype as Type).filter(Boolean),
      {
        title: 'CalChain intake service',
        version: '1',
        description:
          'Customers, contracts and their capability review, work orders and dispatch, item intake and return, on-site jobs, ' +
          'time-limit promises and the published fee schedule (R-6.1, R-6.2, R-4.4, R-7.1.1). Every refusal is problem+json naming the field, the rule and the requirement ID.',
      },
    );
    return this.document;
  }
}
