import { Controller, DynamicModule, Get, Inject, Module, Type } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { Public } from '../auth/caller';
import { buildOpenApi } from './openapi';

export interface ApiDocsOptions {
  /** e.g. 'CalChain records service' */
  title: string;
  /** What the service does for the lab, with the clauses of the standard it owns. */
  description: string;
  version?: string;
}

const API_DOCS_OPTIONS = Symbol('API_DOCS_OPTIONS');

/** GET /openapi.json: the service's API as it runs (routes, zod schemas, roles, problem+json errors). */
@Controller()
export class ApiDocsController {
  private document: unknown;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(API_DOCS_OPTIONS) private readonly options: ApiDocsOptions,
  ) {}

  @Public()
  @Get('openapi.json')
  openApi() {
    // Built on first request, when every module's controllers are registered; routes never change after start.
    this.document ??= buildOpenApi(
      this.discovery.getControllers().map((w) => w.metatype as Type).filter(Boolean),
      {
        title: this.options.title,
        version: this.options.version ?? '1',
        description: `${this.options.description} Every refusal is problem+json naming the field, the rule and the requirement ID.`,
      },
    );
    return this.document;
  }
}

/**
 * Serves the service's OpenAPI document; the gateway aggregates these documents and the
 * schemathesis suite fuzzes every operation in them (issue 11).
 */
@Module({})
export class ApiDocsModule {
  static forService(options: ApiDocsOptions): DynamicModule {
    return {
      module: ApiDocsModule,
      imports: [DiscoveryModule],
      controllers: [ApiDocsController],
      providers: [{ provide: API_DOCS_OPTIONS, useValue: options }],
    };
  }
}
