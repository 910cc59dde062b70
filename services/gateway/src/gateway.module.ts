import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, ServiceConfig } from '@calchain/platform';
import { ForwardingController } from './routing/forwarding.controller';
import { UPSTREAMS, upstreamsFromEnv } from './routing/upstreams';

/** The edge: checks the caller's token, then forwards to the owning service's own API. */
@Module({})
export class GatewayModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [PlatformModule.forRoot({ config, entities: [], migrations: [], redis: true })],
      controllers: [ForwardingController],
      providers: [{ provide: UPSTREAMS, useValue: upstreamsFromEnv(process.env) }],
    };
  }
}
