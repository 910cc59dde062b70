import type { Request, Response } from 'express';
import type Redis from 'ioredis';
import { ProblemException, problemTypeBase, signAccessToken, TokenSettings } from '@calchain/platform';
import { GatewayConfig } from '../config/gateway-config';
import { requestFingerprint } from '../protection/idempotency';
import { runIdempotent } from '../protection/idempotent-call';
import { rateRouteKey, takeRateToken } from '../protection/rate-limit';
import { callUpstream, UpstreamAnswer } from '../routing/upstream-call';

/** Who files, as the quality service sees it: the form, never a person or a staff role. */
export const WEB_FORM_SUBJECT = 'public:web-form';

/**
 * The public complaint form at the edge: per-IP rate limit far below public reads,
 * the institution checked against the registry, an idempotency key honoured (a retried
 * submission returns the first receipt and files nothing twice), then the quality service's
 * web-form intake with a token the gateway signs for that institution and no roles. The body is
 * passed on untouched and never logged: it holds the complainant's identity.
 */
export class PublicComplaintForm {
  constructor(
    private readonly redis: Redis,
    private readonly config: GatewayConfig,
    private readonly platformSettings: TokenSettings,
    private readonly qualityBase: string,
  ) {}

  async file(request: Request & { rawBody?: Buffer }, response: Response, institution: string, checkInstitution: () => Promise<void>): Promise<UpstreamAnswer> {
    await this.limit(request, response);
    await checkInstitution();
    const body = request.rawBody;
    if (!body?.length) {
      throw new ProblemException({
        type: `${problemTypeBase}unsupported-media-type`, title: 'Unsupported media type', status: 415, detail: 'R-8.3.1: send the form as application/json.',
        errors: [{ field: 'content-type', rule: 'media-type', message: 'application/json expected', requirement: 'R-8.3.1' }],
      });
    }
    const token = await signAccessToken({ subject: WEB_FORM_SUBJECT, tenant: institution, roles: [] }, this.platformSettings, this.config.INTERNAL_TOKEN_TTL_SECONDS);
    const headers = { 'content-type': 'application/json', accept: 'application/json', ...requestId(request, response) };
    const run = () => callUpstream('quality', `${this.qualityBase}/web-form/complaints`, 'POST', headers, `Bearer ${token}`, body);
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string') return run();
    try {
      // Scoped to the form and institution, not the client: the same submission retried from
      // another address is still one complaint, and only the identical body is ever replayed.
      const result = await runIdempotent(this.redis, `public-complaint:${institution}`, key, requestFingerprint('POST', request.originalUrl, body), this.config.IDEMPOTENCY_TTL_SECONDS, run);
      if (result.replayed) response.setHeader('idempotent-replayed', 'true');
      return result.answer;
    } catch (error) {
      const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retryAfter) response.setHeader('retry-after', String(retryAfter));
      throw error;
    }
  }

  private async limit(request: Request, response: Response): Promise<void> {
    const perMinute = this.config.PUBLIC_COMPLAINT_RATE_LIMIT_PER_MINUTE;
    const verdict = await takeRateToken(this.redis, `ip:${request.ip}`, rateRouteKey('POST', 'gateway', 'public-complaint'), perMinute);
    response.setHeader('ratelimit-limit', String(perMinute));
    response.setHeader('ratelimit-remaining', String(verdict.remaining));
    if (!verdict.allowed) {
      response.setHeader('retry-after', String(verdict.retryAfterSeconds));
      throw new ProblemException({
        type: `${problemTypeBase}rate-limited`, title: 'Too many requests', status: 429,
        detail: `At most ${perMinute} complaints a minute from one client; retry in ${verdict.retryAfterSeconds} s.`,
      });
    }
  }
}

function requestId(request: Request, response: Response): Record<string, string> {
  const id = response.getHeader('x-request-id') ?? request.headers['x-request-id'];
  return id ? { 'x-request-id': String(id) } : {};
}
