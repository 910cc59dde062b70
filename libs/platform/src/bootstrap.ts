import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ServiceConfig } from './config/service-config';
import { httpMetricsMiddleware } from './observability/http-metrics';
import { Metrics } from './observability/metrics';

export const HTTP_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Starts a service: JSON logger, graceful shutdown on SIGTERM/SIGINT (Nest closes the HTTP
 * server, then the platform leaves the consumer group and flushes the outbox), exit code 0.
 */
export async function bootstrapService(
  appModule: DynamicModule,
  config: ServiceConfig,
  options: { rawBody?: boolean } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(appModule, { bufferLogs: true, rawBody: options.rawBody ?? false });
  // One JSON body limit for the platform, at the gateway's edge limit, so that every request the
  // published schemas allow (an environment batch of 20000 readings, a certificate document sent
  // for verification) fits; body-parser's own default is 100 kB.
  app.useBodyParser('json', { limit: HTTP_BODY_LIMIT_BYTES });
  app.useLogger(app.get(Logger));
  // Own signal handling rather than enableShutdownHooks (which re-raises the signal): a clean
  // shutdown exits 0, so an orchestrator can tell it from a crash.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  // Before the routes (registered by listen), so every request is timed, 404s included.
  app.use(httpMetricsMiddleware(app.get(Metrics)));
  await app.listen(config.PORT, process.env.HOST ?? '127.0.0.1');
  app.get(Logger).log(`${config.SERVICE_NAME} listening on ${process.env.HOST ?? '127.0.0.1'}:${config.PORT}`);
  return app;
}
