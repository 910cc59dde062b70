import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type Redis from 'ioredis';
import { ProblemException, Public, REDIS, TOKEN_SETTINGS, TokenSettings } from '@calchain/platform';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway-config';
import { rateRouteKey, takeRateToken } from '../protection/rate-limit';
import { callUpstream } from '../routing/upstream-call';
import { UPSTREAMS, Upstreams } from '../routing/upstreams';
import { RegistryRepository } from '../tenancy/registry.repository';
import { disclosureSources, institutionDisclosure } from './disclosure';
import { PublicComplaintForm } from './public-complaint';

const institutionId = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** Unauthenticated endpoints of the gateway itself. */
@Public()
@Controller('public')
export class PublicController {
  constructor(
    @Inject(UPSTREAMS) private readonly upstreams: Upstreams,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(TOKEN_SETTINGS) private readonly platformSettings: TokenSettings,
    private readonly registry: RegistryRepository,
  ) {}

  /** the complaint form: no token, stricter rate limit, idempotency key honoured. */
  @Post('institutions/:institution/complaints')
  async complaint(@Param('institution') institution: string, @Req() request: Request & { rawBody?: Buffer }, @Res() response: Response): Promise<void> {
    const form = new PublicComplaintForm(this.redis, this.config, this.platformSettings, this.upstreams.get('quality')!);
    const answer = await form.file(request, response, institution, async () => {
      if (!institutionId.test(institution)) {
        throw ProblemException.validation([{ field: 'institution', rule: 'format', message: 'an institution id', requirement: 'R-8.3.1' }]);
      }
      if (!(await this.registry.institution(institution))) throw ProblemException.notFound('Institution', institution);
    });
    response.status(answer.status);
    for (const [name, v] of Object.entries(answer.headers)) response.setHeader(name, v);
    response.send(answer.body);
  }

  @Get('institutions/:institution/disclosure')
  async disclosure(@Param('institution') institution: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.limit(request, response, 'disclosure');
    if (!institutionId.test(institution)) {
      throw ProblemException.validation([{ field: 'institution', rule: 'format', message: 'an institution id', requirement: 'R-4.4' }]);
    }
    const record = await this.registry.institution(institution);
    if (!record) throw ProblemException.notFound('Institution', institution);
    const sections = await Promise.all(
      disclosureSources(institution).map(async (source) => {
        const base = this.upstreams.get(source.service);
        try {
          const answer = await callUpstream(source.service, `${base}${source.path}`, 'GET', { accept: 'application/json' }, undefined, undefined);
          const ok = answer.status === 200;
          return [source.name, { requirement: source.requirement, available: ok, content: ok ? JSON.parse(answer.body.toString('utf8')) : null }] as const;
        } catch {
          // One service down leaves its section empty and says so; the rest is still shown.
          return [source.name, { requirement: source.requirement, available: false, content: null }] as const;
        }
      }),
    );
    response.setHeader('cache-control', 'public, max-age=60');
    response.json({ ...institutionDisclosure(record), sections: Object.fromEntries(sections) });
  }

  /**
   * Public certificate verification by institution, number and (optionally) the document's
   * SHA-256: answered by the certificates service's own public routes.
   */
  @Get('certificates/verify')
  async verify(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.limit(request, response, 'verify');
    const value = (name: string, pattern: RegExp, required: boolean) => {
      const raw = request.query[name];
      if (raw === undefined && !required) return undefined;
      if (typeof raw !== 'string' || !pattern.test(raw)) {
        throw ProblemException.validation([{ field: name, rule: raw === undefined ? 'required' : 'format', message: `${name} is missing or malformed` }]);
      }
      return raw;
    };
    const institution = value('institution', institutionId, true)!;
    const number = encodeURIComponent(value('number', /^[A-Za-z0-9._-]{1,64}$/, true)!);
    const hash = value('hash', /^[0-9a-fA-F]{64}$/, false);
    const base = `${this.upstreams.get('certificates')}/public/certificates/${institution}/${number}`;
    const answer = hash
      ? await callUpstream('certificates', `${base}/verify`, 'POST', { 'content-type': 'application/json', accept: 'application/json' }, undefined, Buffer.from(JSON.stringify({ sha256: hash })))
      : await callUpstream('certificates', base, 'GET', { accept: 'application/json' }, undefined, undefined);
    response.status(answer.status);
    for (const [name, v] of Object.entries(answer.headers)) response.setHeader(name, v);
    response.send(answer.body);
  }

  private async limit(request: Request, response: Response, route: string): Promise<void> {
    const verdict = await takeRateToken(this.redis, `ip:${request.ip}`, rateRouteKey('GET', 'gateway', route), this.config.PUBLIC_RATE_LIMIT_PER_MINUTE);
    if (!verdict.allowed) {
      response.setHeader('retry-after', String(verdict.retryAfterSeconds));
      throw new ProblemException({ type: 'https://calchain.dev/problems/rate-limited', title: 'Too many requests', status: 429, detail: `retry in ${verdict.retryAfterSeconds} s` });
    }
  }
}
