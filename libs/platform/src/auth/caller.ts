import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { Role, Roles as AllRoles } from '@calchain/contracts';

/** Who is calling: taken from the access token on every request, in every service. */
export interface Caller {
  subject: string;
  tenant: string;
  roles: Role[];
}

export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function verifyAccessToken(token: string, settings: TokenSettings): Promise<Caller> {
  const { payload } = await jwtVerify(token, key(settings.secret), {
    issuer: settings.issuer,
    audience: settings.audience,
    algorithms: ['HS256'],
  });
  const tenant = payload['tenant'];
  const roles = payload['roles'];
  if (typeof payload.sub !== 'string' || typeof tenant !== 'string' || !Array.isArray(roles)) {
    throw new Error('token lacks sub, tenant or roles');
  }
  return { subject: payload.sub, tenant, roles: roles.filter((r): r is Role => (AllRoles as readonly string[]).includes(r)) };
}

/** Issues a token as the local (development and test) issuer does. */
export async function signAccessToken(caller: Caller, settings: TokenSettings, ttlSeconds = 3600): Promise<string> {
  return new SignJWT({ tenant: caller.tenant, roles: caller.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(settings.secret));
}

export const PUBLIC_ROUTE = 'calchain:public';
export const REQUIRED_ROLES = 'calchain:roles';

/** The route needs no token (health, public disclosure, certificate verification). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** The caller needs at least one of these roles. */
export const RequireRoles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
