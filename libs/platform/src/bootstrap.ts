import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ServiceConfig } from './config/service-config';

/**
 * Starts a service: JSON logger, graceful shutdown on SIGTERM/SIGINT (Nest closes the HTTP
 * server, then the platform leaves the consumer group and flushes the outbox).
 */
export async function bootstrapService(
  appModule: DynamicModule,
  config: ServiceConfig,
  options: { rawBody?: boolean } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(appModule, { bufferLogs: true, rawBody: options.rawBody ?? false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  await app.listen(config.PORT, process.env.HOST ?? '127.0.0.1');
  app.get(Logger).log(`${config.SERVICE_NAME} listening on ${process.env.HOST ?? '127.0.0.1'}:${config.PORT}`);
  return app;
}
