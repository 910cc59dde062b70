import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { Role, Roles as AllRoles } from '@calchain/contracts';

/** Who is calling: taken from the access token on every request, in every service. */
export interface Caller {
  subject: string;
  tenant: string;
  roles: Role[];
  /** The site within the institution, when the gateway resolved one from the caller's membership. */
  site?: string;
  /** The lab network the institution belongs to. */
  network?: string;
  /**
   * For a caller with the `customer` role: the intake customer id the person acts for. Services
   * show such a caller only that customer's documents (R-7.3.1 confidentiality); absent = none.
   */
  customerId?: string;
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
  const caller: Caller = { subject: payload.sub, tenant, roles: roles.filter((r): r is Role => (AllRoles as readonly string[]).includes(r)) };
  if (typeof payload['site'] === 'string') caller.site = payload['site'];
  if (typeof payload['network'] === 'string') caller.network = payload['network'];
  if (typeof payload['customerId'] === 'string') caller.customerId = payload['customerId'];
  return caller;
}

/**
 * Issues a platform token: the gateway mints one per request (short-lived) for the identity it
 * resolved, and development tools mint them directly with the platform secret.
 */
export async function signAccessToken(caller: Caller, settings: TokenSettings, ttlSeconds = 3600): Promise<string> {
  const claims: Record<string, unknown> = { tenant: caller.tenant, roles: caller.roles };
  if (caller.site) claims['site'] = caller.site;
  if (caller.network) claims['network'] = caller.network;
  if (caller.customerId) claims['customerId'] = caller.customerId;
  return new SignJWT(claims)
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

/** Methods that change nothing; a regulator may use no other (issue 9: regulator API is read-only). */
export const readOnlyMethods: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];

/** A regulator token never writes, whatever the route and whatever other roles it carries. */
export function regulatorMayNot(caller: Pick<Caller, 'roles'>, method: string): boolean {
  return caller.roles.includes('regulator') && !readOnlyMethods.includes(method.toUpperCase());
}

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
