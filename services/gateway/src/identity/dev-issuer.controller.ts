import { Body, Controller, Get, Inject, NotFoundException, Post } from '@nestjs/common';
import { z } from 'zod';
import { ProblemException, Public, ZodValidationPipe } from '@calchain/platform';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway-config';
import { RegistryRepository } from '../tenancy/registry.repository';
import { mintDevToken, publicJwks } from './dev-issuer';
import { EdgeIdentity } from './edge-identity';

const TokenRequest = z.object({ subject: z.string().min(1).max(200) });

/**
 * The built-in development issuer (DEV_ISSUER=on, never in production): its JWKS, and tokens for
 * users seeded in the registry, so development and tests need no external identity provider.
 */
@Public()
@Controller('dev-issuer')
export class DevIssuerController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly identity: EdgeIdentity,
    private readonly registry: RegistryRepository,
  ) {}

  @Get('jwks.json')
  jwks() {
    if (!this.identity.devKey) throw new NotFoundException();
    return publicJwks(this.identity.devKey);
  }

  @Post('tokens')
  async token(@Body(new ZodValidationPipe(TokenRequest)) body: z.infer<typeof TokenRequest>) {
    if (!this.identity.devKey) throw new NotFoundException();
    if (!(await this.registry.findUser(this.config.OIDC_ISSUER, body.subject))) {
      throw ProblemException.ruleViolation('R-4.1.1', 'Only users seeded in the registry get development tokens.', 'subject');
    }
    const token = await mintDevToken(this.identity.devKey, { subject: body.subject, issuer: this.config.OIDC_ISSUER, audience: this.config.OIDC_AUDIENCE });
    return { access_token: token, token_type: 'Bearer', expires_in: 3600 };
  }
}
