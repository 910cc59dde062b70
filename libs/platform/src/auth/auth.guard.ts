import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@calchain/contracts';
import { ProblemException, problemTypeBase } from '../http/problem';
import { Caller, PUBLIC_ROUTE, regulatorMayNot, REQUIRED_ROLES, TokenSettings, verifyAccessToken } from './caller';

export const TOKEN_SETTINGS = Symbol('TOKEN_SETTINGS');

/** A handler or a controller class, as Nest's Reflector reads metadata from it. */
type MetadataTarget = Parameters<Reflector['getAllAndOverride']>[1][number];

/** What a route asks of its caller, as the AuthGuard reads it. */
export interface RouteAccess {
  /** @Public(): no token, and no role check. */
  public: boolean;
  /** @RequireRoles(...): at least one of these; empty = any signed-in caller. Always empty on a public route. */
  roles: Role[];
}

/**
 * The one reading of @Public() and @RequireRoles() for a handler of a controller: the handler's
 * own metadata overrides its controller's (Reflector.getAllAndOverride, handler first; an empty
 * @RequireRoles() on the handler therefore lifts a class-level one), and a public route checks no
 * roles at all. The guard enforces exactly this and the OpenAPI document publishes exactly this.
 */
export function routeAccess(reflector: Reflector, handler: MetadataTarget, controller: MetadataTarget): RouteAccess {
  const targets = [handler, controller];
  if (reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return { public: true, roles: [] };
  return { public: false, roles: [...(reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [])] };
}

/**
 * Checks the bearer token on every route not marked @Public(), in every service: the gateway
 * checks it first, and a service trusts no header the gateway could not have signed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_SETTINGS) private readonly settings: TokenSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = routeAccess(this.reflector, context.getHandler(), context.getClass());
    if (access.public) return true;
    const request = context.switchToHttp().getRequest<{ method: string; headers: Record<string, string | undefined>; caller?: Caller }>();
    const token = /^Bearer (.+)$/i.exec(request.headers['authorization'] ?? '')?.[1];
    if (!token) throw unauthorized('A bearer token is required.');
    try {
      request.caller = await verifyAccessToken(token, this.settings);
    } catch {
      throw unauthorized('The bearer token is invalid or expired.');
    }
    if (regulatorMayNot(request.caller, request.method)) {
      // Checked here as well as at the gateway, so no route of any service can forget it.
      throw new ProblemException({
        type: `${problemTypeBase}regulator-read-only`,
        title: 'Forbidden',
        status: HttpStatus.FORBIDDEN,
        detail: 'A regulator token can only read.',
        errors: [{ field: 'method', rule: 'regulator-read-only', message: `${request.method} is not a read`, requirement: 'mission: regulators read-only' }],
      });
    }
    const required = access.roles;
    if (required.length && !required.some((r) => request.caller!.roles.includes(r))) {
      throw new ProblemException({
        type: `${problemTypeBase}forbidden`,
        title: 'Forbidden',
        status: HttpStatus.FORBIDDEN,
        detail: `This action needs one of the roles: ${required.join(', ')}.`,
      });
    }
    return true;
  }
}

const unauthorized = (detail: string) =>
  new ProblemException({ type: `${problemTypeBase}unauthorized`, title: 'Unauthorized', status: HttpStatus.UNAUTHORIZED, detail });
