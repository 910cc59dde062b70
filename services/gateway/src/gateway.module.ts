import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { PlatformModule, ServiceConfig } from '@calchain/platform';
import { ConsoleModule } from './console/console.module';
import { GATEWAY_CONFIG, GatewayConfig, loadGatewayConfig } from './config/gateway-config';
import { DevIssuerController } from './identity/dev-issuer.controller';
import { EdgeIdentity } from './identity/edge-identity';
import { MeController } from './identity/me.controller';
import { OpenApiModule } from './openapi/openapi.module';
import { edgeMiddleware } from './protection/edge-middleware';
import { PublicController } from './public/public.controller';
import { ForwardingController } from './routing/forwarding.controller';
import { gatewayPersistence } from './tenancy/persistence';
import { RegistryRepository } from './tenancy/registry.repository';
import { TenancyController } from './tenancy/tenancy.controller';

/**
 * The edge: identity (OIDC by JWKS, tenancy registry), permission matrix, regulator read-only,
 * rate limits, idempotency, security headers; then forwards to the owning service's own API.
 */
@Module({})
export class GatewayModule implements NestModule {
  private static edgeConfig: GatewayConfig;

  static register(config: ServiceConfig, gateway: GatewayConfig = loadGatewayConfig(process.env)): DynamicModule {
    GatewayModule.edgeConfig = gateway;
    return {
      module: GatewayModule,
      imports: [PlatformModule.forRoot({ config, ...gatewayPersistence, redis: true }), OpenApiModule, ConsoleModule],
      controllers: [PublicController, DevIssuerController, MeController, TenancyController, ForwardingController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: gateway },
        RegistryRepository,
        EdgeIdentity,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(...edgeMiddleware(GatewayModule.edgeConfig)).forRoutes('*path');
  }
}
