import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../auth/caller';
import { Metrics } from './metrics';

/** Prometheus scrape endpoint; public like /health (the NetworkPolicy limits who reaches it). */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Public()
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('cache-control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
