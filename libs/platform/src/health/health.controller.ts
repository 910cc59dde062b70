import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/caller';

/** A dependency the service cannot serve without; readiness is the AND of all of them. */
export interface ReadinessProbe {
  name: string;
  check(): Promise<boolean>;
}

export const READINESS_PROBES = Symbol('READINESS_PROBES');
export const SERVICE_NAME = Symbol('SERVICE_NAME');

@Controller()
export class HealthController {
  constructor(
    @Inject(READINESS_PROBES) private readonly probes: ReadinessProbe[],
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  /** Liveness: the process answers. Never depends on other systems, so they cannot cause restarts. */
  @Public()
  @Get('health')
  health() {
    return { status: 'ok', service: this.service };
  }

  /** Readiness: every dependency answers; 503 with the failing ones otherwise. */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const results = await Promise.all(
      this.probes.map(async (p) => [p.name, await withTimeout(p.check(), 2000).catch(() => false)] as const),
    );
    const checks = Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'up' : 'down']));
    const ready = results.every(([, ok]) => ok);
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ready' : 'not-ready', service: this.service, checks };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
