import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, JWTVerifyGetKey, jwtVerify } from 'jose';
import { Caller, ProblemException, problemTypeBase, TOKEN_SETTINGS, TokenSettings, verifyAccessToken } from '@calchain/platform';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway-config';
import { RegistryRepository } from '../tenancy/registry.repository';
import { DevIssuerKey, loadOrCreateDevIssuerKey, publicJwks } from './dev-issuer';
import { resolveTenant } from './membership';

export interface EdgeCaller extends Caller {
  /** Registry user id for external tokens; the token subject for platform tokens. */
  user: string;
  via: 'oidc' | 'platform';
}

/**
 * Who is calling, decided at the edge: an external OIDC token (signature by JWKS, issuer,
 * audience, expiry) names a person; the registry says where that person belongs and with which
 * roles. Platform tokens (HS256, platform secret) are accepted only where configured (development).
 */
@Injectable()
export class EdgeIdentity implements OnModuleInit {
  private keys!: JWTVerifyGetKey;
  devKey: DevIssuerKey | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(TOKEN_SETTINGS) private readonly platformSettings: TokenSettings,
    private readonly registry: RegistryRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.DEV_ISSUER === 'on') this.devKey = await loadOrCreateDevIssuerKey(this.config.DEV_ISSUER_KEY_FILE);
    if (this.config.OIDC_JWKS_URL) this.keys = createRemoteJWKSet(new URL(this.config.OIDC_JWKS_URL), { cooldownDuration: 30000 });
    else if (this.devKey) this.keys = createLocalJWKSet(publicJwks(this.devKey));
    else throw new Error('OIDC_JWKS_URL is required when DEV_ISSUER is off');
  }

  async identify(authorization: string | undefined, requestedInstitution: string | undefined): Promise<EdgeCaller> {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthorized('A bearer token is required.');
    let algorithm: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthorized('The bearer token is not a JWT.');
    }
    if (algorithm === 'HS256') return this.platformCaller(token, requestedInstitution);
    let subject: string;
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.OIDC_ISSUER,
        audience: this.config.OIDC_AUDIENCE,
        algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
        clockTolerance: 5,
        requiredClaims: ['sub', 'exp'],
      });
      subject = payload.sub!;
    } catch {
      throw unauthorized('The bearer token is invalid, expired, or not for this audience.');
    }
    const user = await this.registry.findUser(this.config.OIDC_ISSUER, subject);
    if (!user) throw forbidden('sub', 'registered-user', 'The user is not registered with any institution.');
    const resolution = resolveTenant(user.memberships, user.networkInstitutions, user.jurisdiction, requestedInstitution);
    if (!resolution.ok) {
      const refusal =
        resolution.status === 400
          ? ProblemException.validation([{ field: resolution.field, rule: resolution.rule, message: resolution.message, requirement: 'R-4.1.1' }])
          : forbidden(resolution.field, resolution.rule, resolution.message);
      // A regulator's refused attempt is audit-logged like its reads.
      if (user.jurisdiction.length) Object.assign(refusal, { regulator: user.id });
      throw refusal;
    }
    return { ...resolution.value, subject: user.id, user: user.id, via: 'oidc' };
  }

  private async platformCaller(token: string, requestedInstitution: string | undefined): Promise<EdgeCaller> {
    if (this.config.GATEWAY_PLATFORM_TOKENS !== 'accept') throw unauthorized('Platform tokens are not accepted at the edge.');
    let caller: Caller;
    try {
      caller = await verifyAccessToken(token, this.platformSettings);
    } catch {
      throw unauthorized('The bearer token is invalid or expired.');
    }
    if (requestedInstitution !== undefined && requestedInstitution !== caller.tenant) {
      throw forbidden('x-calchain-institution', 'membership', `the token is for ${caller.tenant}`);
    }
    return { ...caller, user: caller.subject, via: 'platform' };
  }
}

const unauthorized = (detail: string) =>
  new ProblemException({ type: `${problemTypeBase}unauthorized`, title: 'Unauthorized', status: 401, detail });

export const forbidden = (field: string, rule: string, message: string, requirement = 'R-4.1.1') =>
  new ProblemException({
    type: `${problemTypeBase}forbidden`,
    title: 'Forbidden',
    status: 403,
    detail: message,
    errors: [{ field, rule, message, requirement }],
  });
