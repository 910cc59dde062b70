import { Controller, Get, Headers, Inject } from '@nestjs/common';
import { Public } from '@calchain/platform';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway-config';
import { RegistryRepository } from '../tenancy/registry.repository';
import { EdgeIdentity } from './edge-identity';

/** Who the gateway takes the caller to be: the identity it would forward to the services. */
@Public()
@Controller('identity')
export class MeController {
  constructor(
    private readonly identity: EdgeIdentity,
    private readonly registry: RegistryRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('me')
  async me(@Headers('authorization') authorization?: string, @Headers('x-calchain-institution') institution?: string) {
    const caller = await this.identity.identify(authorization, institution);
    const names = await this.registry.names(caller.user, caller.tenant);
    return { user: caller.user, ...names, institution: caller.tenant, network: caller.network ?? null, site: caller.site ?? null, roles: caller.roles, ...(caller.customerId ? { customerId: caller.customerId } : {}), via: caller.via, issuer: caller.via === 'oidc' ? this.config.OIDC_ISSUER : null };
  }
}
