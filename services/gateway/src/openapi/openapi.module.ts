import { Module } from '@nestjs/common';
import { UPSTREAMS, upstreamsFromEnv } from '../routing/upstreams';
import { OpenApiController } from './openapi.controller';
import { ServiceDocuments } from './service-documents';

/**
 * The services' OpenAPI documents at the edge: aggregated at /openapi.json, and the source of the
 * services' own role rules the console is served (ConsoleModule). Also provides UPSTREAMS, the
 * one map of service → base URL the forwarding and public controllers use.
 */
@Module({
  controllers: [OpenApiController],
  providers: [{ provide: UPSTREAMS, useFactory: () => upstreamsFromEnv(process.env) }, ServiceDocuments],
  exports: [UPSTREAMS, ServiceDocuments],
})
export class OpenApiModule {}
