import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type Redis from 'ioredis';
import { Public, ProblemException, problemTypeBase, REDIS, regulatorMayNot, signAccessToken, TOKEN_SETTINGS, TokenSettings } from '@calchain/platform';
import { decideAccess } from '../authorization/access';
import { permissionMatrix } from '../authorization/permission-matrix';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway-config';
import { EdgeCaller, EdgeIdentity, forbidden } from '../identity/edge-identity';
import { requestFingerprint } from '../protection/idempotency';
import { runIdempotent } from '../protection/idempotent-call';
import { rateRouteKey, takeRateToken } from '../protection/rate-limit';
import { RegistryRepository } from '../tenancy/registry.repository';
import { edgePath } from './edge-path';
import { callUpstream, UpstreamAnswer } from './upstream-call';
import { UPSTREAMS, Upstreams } from './upstreams';

type EdgeRequest = Request & { rawBody?: Buffer };

/** Marks answers the gateway gave itself, so a client (and the matrix test) can tell them apart. */
export const REFUSED_BY = 'x-calchain-refused-by';

/**
 * /api/<service>/<path> → <service>/<path>. Order: identity, regulator read-only, permission
 * matrix, rate limit, idempotency; then the service gets a short-lived platform token for the
 * identity the gateway resolved (never the caller's own token), and checks it again.
 * Every controller here is @Public() for the platform guard: the edge checks identity itself.
 */
@Public()
@Controller('api')
export class ForwardingController {
  constructor(
    @Inject(UPSTREAMS) private readonly upstreams: Upstreams,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(TOKEN_SETTINGS) private readonly platformSettings: TokenSettings,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly identity: EdgeIdentity,
    private readonly registry: RegistryRepository,
  ) {}

  /**
   * A service's `public/…` routes (disclosure, certificate verification, status labels) pass
   * without a token and without one forwarded; the service marks them @Public() itself.
   */
  @All(':service/public/*path')
  async forwardPublic(@Req() request: EdgeRequest, @Res() response: Response): Promise<void> {
    const service = request.params['service'] as string;
    const base = this.base(service);
    const target = this.resolve(response, request, service);
    if (!target.path.startsWith('/public/')) refuse(response, ProblemException.notFound('route', `${service}${target.path}`));
    await this.limit(response, `ip:${request.ip}`, rateRouteKey(request.method, service, 'public'), this.config.PUBLIC_RATE_LIMIT_PER_MINUTE);
    const answer = await callUpstream(service, base + target.path + target.search, request.method, withRequestId(request, response), undefined, this.body(request));
    send(response, answer);
  }

  @All(':service/*path')
  async forward(@Req() request: EdgeRequest, @Res() response: Response): Promise<void> {
    const service = request.params['service'] as string;
    const base = this.base(service);
    const target = this.resolve(response, request, service);
    const path = target.path;
    const requested = header(request, 'x-calchain-institution');
    await this.limit(response, `ip:${request.ip}`, 'ANY:edge', this.config.EDGE_IP_RATE_LIMIT_PER_MINUTE);
    const caller = await this.refusing(response, () => this.identity.identify(header(request, 'authorization'), requested), (regulator) =>
      this.auditRegulator({ user: regulator, tenant: requested ?? '(none)' }, request, response),
    );
    if (caller.roles.includes('regulator')) this.auditRegulator(caller, request, response);
    if (regulatorMayNot(caller, request.method)) {
      refuse(response, forbidden('method', 'regulator-read-only', `${request.method} is a write; a regulator token only reads`, 'mission: regulators read-only'));
    }
    const decision = decideAccess(permissionMatrix, service, path, request.method, caller.roles);
    if (!decision.allowed) {
      if (decision.reason === 'no-route') refuse(response, ProblemException.notFound('route', `${service}${path.split('?')[0]}`));
      refuse(response, forbidden('roles', 'permission-matrix', `${request.method} /api/${service}/${decision.rule!.path} needs one of: ${decision.needed!.join(', ') || '(nobody)'}`, 'issue-9 permission matrix'));
    }
    await this.limit(response, `user:${caller.user}`, rateRouteKey(request.method, service, path), this.config.RATE_LIMIT_PER_MINUTE);
    const internal = await signAccessToken(
      { subject: caller.subject, tenant: caller.tenant, roles: caller.roles, site: caller.site, network: caller.network, customerId: caller.customerId },
      this.platformSettings,
      this.config.INTERNAL_TOKEN_TTL_SECONDS,
    );
    const run = () => callUpstream(service, base + target.path + target.search, request.method, withRequestId(request, response), `Bearer ${internal}`, this.body(request));
    const key = header(request, 'idempotency-key');
    if (request.method !== 'POST' || key === undefined) return send(response, await run());
    send(response, await this.idempotent(response, caller, key, request, run));
  }

  private async idempotent(response: Response, caller: EdgeCaller, key: string, request: EdgeRequest, run: () => Promise<UpstreamAnswer>): Promise<UpstreamAnswer> {
    const fingerprint = requestFingerprint(request.method, request.originalUrl, this.body(request));
    let ran = false;
    try {
      const once = () => ((ran = true), run());
      const { answer, replayed } = await runIdempotent(this.redis, `${caller.user}:${caller.tenant}`, key, fingerprint, this.config.IDEMPOTENCY_TTL_SECONDS, once);
      if (replayed) response.setHeader('idempotent-replayed', 'true');
      return answer;
    } catch (error) {
      const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retryAfter) response.setHeader('retry-after', String(retryAfter));
      // Key refusals are the gateway's own answer; a failing service call is not.
      if (!ran && error instanceof ProblemException) refuse(response, error);
      throw error;
    }
  }

  private async limit(response: Response, client: string, route: string, perMinute: number): Promise<void> {
    const verdict = await takeRateToken(this.redis, client, route, perMinute);
    response.setHeader('ratelimit-limit', String(perMinute));
    response.setHeader('ratelimit-remaining', String(verdict.remaining));
    if (!verdict.allowed) {
      response.setHeader('retry-after', String(verdict.retryAfterSeconds));
      refuse(response, new ProblemException({
        type: `${problemTypeBase}rate-limited`, title: 'Too many requests', status: 429,
        detail: `At most ${perMinute} requests a minute to ${route}; retry in ${verdict.retryAfterSeconds} s.`,
      }));
    }
  }

  private auditRegulator(caller: Pick<EdgeCaller, 'user' | 'tenant'>, request: EdgeRequest, response: Response): void {
    // Written when the answer is known, refusals included: the log shows attempts, not just reads.
    response.once('finish', () => {
      void this.registry
        .logRegulatorAccess({ user: caller.user, institution: caller.tenant, method: request.method, path: request.originalUrl, status: response.statusCode, requestId: String(response.getHeader('x-request-id') ?? '') })
        .catch(() => undefined);
    });
  }

  private async refusing<T>(response: Response, work: () => Promise<T>, regulatorRefused: (user: string) => void): Promise<T> {
    try {
      return await work();
    } catch (error) {
      response.setHeader(REFUSED_BY, 'gateway');
      const regulator = (error as { regulator?: unknown }).regulator;
      if (typeof regulator === 'string') regulatorRefused(regulator);
      throw error;
    }
  }

  private base(service: string): string {
    const base = this.upstreams.get(service);
    if (!base) throw ProblemException.notFound('API', service);
    return base;
  }

  private resolve(response: Response, request: Request, service: string): { path: string; search: string } {
    const target = edgePath(request.originalUrl, service);
    if (!target) refuse(response, ProblemException.validation([{ field: 'path', rule: 'normalised-path', message: 'the path leaves its service or hides a slash' }]));
    return target;
  }

  private body(request: EdgeRequest): Buffer | undefined {
    if (['GET', 'HEAD'].includes(request.method)) return undefined;
    if (!request.rawBody && Number(request.headers['content-length'] ?? 0) > 0) {
      // Only bodies the edge has read (JSON, forms) are forwarded; nothing is dropped silently.
      throw new ProblemException({
        type: `${problemTypeBase}unsupported-media-type`, title: 'Unsupported media type', status: 415, detail: 'Send application/json.',
        errors: [{ field: 'content-type', rule: 'media-type', message: 'application/json expected' }],
      });
    }
    return request.rawBody;
  }
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The service logs under the same request id as the edge (set by the platform's request logger). */
function withRequestId(request: Request, response: Response): Record<string, string | string[] | undefined> {
  const id = response.getHeader('x-request-id') ?? request.headers['x-request-id'];
  return { ...request.headers, ...(id ? { 'x-request-id': String(id) } : {}) };
}

function refuse(response: Response, problem: ProblemException): never {
  response.setHeader(REFUSED_BY, 'gateway');
  throw problem;
}

function send(response: Response, answer: UpstreamAnswer): void {
  response.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  response.send(answer.body);
}
