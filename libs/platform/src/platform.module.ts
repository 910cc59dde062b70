import {
  DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown, Type,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, ModuleRef } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AuthGuard, TOKEN_SETTINGS } from './auth/auth.guard';
import { ServiceConfig } from './config/service-config';
import { migrateServiceSchema, serviceDataSourceOptions, ServiceDataSourceSpec } from './database/data-source';
import { HealthController, READINESS_PROBES, ReadinessProbe, SERVICE_NAME } from './health/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { loggerParams } from './logging/logger';
import { EventHandler } from './messaging/event-handler';
import { InboxConsumer } from './messaging/inbox-consumer';
import { KafkaJsBus } from './messaging/kafkajs/kafkajs-bus';
import { MessageBus, MessagePublisher } from './messaging/message-bus';
import { Outbox } from './messaging/outbox';
import { OutboxRelay } from './messaging/outbox-relay';
import { Metrics } from './observability/metrics';
import { MetricsController } from './observability/metrics.controller';
import { registerMessagingMetrics } from './observability/messaging-metrics';
import { currentTraceparent, inConsumerSpan } from './observability/tracing';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const MESSAGE_PUBLISHER = Symbol('MESSAGE_PUBLISHER');
export const REDIS = Symbol('REDIS');

export interface PlatformOptions extends ServiceDataSourceSpec {
  config: ServiceConfig;
  /** Provider classes implementing EventHandler, declared in the service's own modules. */
  eventHandlers?: Type<EventHandler>[];
  /** Topics this service produces to, created at start so the first event has somewhere to go. */
  producesTo?: string[];
  redis?: boolean;
}

/**
 * Starts and stops the messaging side of a service: publisher connection (retried in the
 * background so the service comes up while Kafka is down), outbox relay and inbox consumer.
 * Shutdown order: stop consuming (leave the group), flush the outbox, disconnect.
 */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private consumer: InboxConsumer | undefined;
  private stopping = false;

  constructor(
    @Inject('PLATFORM_OPTIONS') private readonly options: PlatformOptions,
    @Inject(MESSAGE_PUBLISHER) private readonly publisher: MessagePublisher,
    private readonly bus: KafkaJsBus,
    private readonly relay: OutboxRelay,
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    const handlers = (this.options.eventHandlers ?? []).map((t) => this.moduleRef.get(t, { strict: false }));
    const groupId = this.options.config.SERVICE_NAME;
    const metrics = this.metrics;
    if (handlers.length) {
      this.consumer = new InboxConsumer(this.dataSource, this.bus, this.publisher, handlers, {
        groupId,
        maxAttempts: this.options.config.CONSUMER_MAX_ATTEMPTS,
        log: (level, message, extra) => this.logger[level === 'info' ? 'log' : level]({ ...extra }, message),
        around: (m, fn) => inConsumerSpan(`${m.topic} process`, m.headers, { 'messaging.system': 'kafka', 'messaging.destination.name': m.topic, 'messaging.consumer.group.name': groupId }, fn),
        onHandled: ({ topic, outcome, seconds, occurredAt }) => {
          metrics.consumerMessages.inc({ topic, outcome });
          metrics.consumerHandlerDuration.observe({ topic, outcome }, seconds);
          if (occurredAt && outcome === 'applied') metrics.consumerEventAge.observe({ topic }, Math.max(0, (Date.now() - Date.parse(occurredAt)) / 1000));
        },
        onDeadLettered: ({ topic, reason }) => metrics.deadLettered.inc({ topic, reason }),
      });
    }
    const consumer = this.consumer;
    registerMessagingMetrics(metrics, {
      backlog: () => this.relay.backlog(),
      consumerLag: consumer ? () => this.bus.consumerLag(groupId, consumer.topics()) : undefined,
    });
    void this.connect();
  }

  consumerRunning(): boolean {
    return !this.consumer || this.consumer.isRunning();
  }

  private async connect(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        if (!this.publisher.isConnected()) await this.publisher.connect();
        await this.publisher.ensureTopics(this.options.producesTo ?? []);
        this.relay.start();
        await this.consumer?.start();
        this.logger.log('messaging started');
        return;
      } catch (error) {
        this.logger.warn({ error: (error as Error).message, attempt }, 'messaging not available yet; retrying');
        await new Promise((r) => setTimeout(r, Math.min(10000, 500 * attempt)));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.consumer?.stop().catch((e) => this.logger.warn(`consumer stop: ${e}`));
    await this.relay.stop().catch((e) => this.logger.warn(`relay stop: ${e}`));
    await this.publisher.disconnect().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { config } = options;
    const dataSourceOptions = serviceDataSourceOptions(config, options);
    const providers = [
      { provide: 'PLATFORM_OPTIONS', useValue: options },
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: SERVICE_NAME, useValue: config.SERVICE_NAME },
      { provide: Metrics, useFactory: () => new Metrics(config.SERVICE_NAME) },
      { provide: TOKEN_SETTINGS, useValue: { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE } },
      {
        provide: DataSource,
        useFactory: async () => {
          await migrateServiceSchema(dataSourceOptions);
          return new DataSource(dataSourceOptions).initialize();
        },
      },
      {
        provide: KafkaJsBus,
        useFactory: () => {
          const logger = new Logger('Kafka');
          return new KafkaJsBus({
            clientId: config.SERVICE_NAME,
            brokers: config.KAFKA_BROKERS,
            topicPrefix: config.KAFKA_TOPIC_PREFIX,
            log: (level, message, extra) => logger[level === 'info' ? 'log' : level]({ ...extra }, message),
          });
        },
      },
      { provide: 'MESSAGE_BUS', useExisting: KafkaJsBus },
      { provide: MESSAGE_PUBLISHER, useFactory: (bus: MessageBus) => bus.publisher(), inject: [KafkaJsBus] },
      {
        provide: OutboxRelay,
        useFactory: (ds: DataSource, publisher: MessagePublisher, metrics: Metrics) => {
          const logger = new Logger('OutboxRelay');
          return new OutboxRelay(ds, publisher, {
            pollMs: config.OUTBOX_POLL_MS,
            log: (level, message, extra) => logger[level === 'info' ? 'log' : level]({ ...extra }, message),
            onPublished: (rows) => rows.forEach((r) => metrics.outboxPublished.inc({ topic: r.topic, type: r.type })),
            onFailure: () => metrics.outboxRelayFailures.inc(),
          });
        },
        inject: [DataSource, MESSAGE_PUBLISHER, Metrics],
      },
      // Events carry the trace of the request that caused them, through Kafka to the consumers.
      { provide: Outbox, useFactory: () => new Outbox(currentTraceparent) },
      MessagingLifecycle,
      ...(options.redis
        ? [{ provide: REDIS, useFactory: () => new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2, keyPrefix: config.REDIS_KEY_PREFIX }) }]
        : []),
      {
        provide: READINESS_PROBES,
        useFactory: (ds: DataSource, publisher: MessagePublisher, lifecycle: MessagingLifecycle, redis?: Redis) => {
          const probes: ReadinessProbe[] = [
            { name: 'database', check: async () => (await ds.query('select 1 as ok'))[0].ok === 1 },
            { name: 'kafka', check: async () => publisher.isConnected() },
            { name: 'consumer', check: async () => lifecycle.consumerRunning() },
          ];
          if (redis) probes.push({ name: 'redis', check: async () => (await redis.ping()) === 'PONG' });
          return probes;
        },
        inject: [DataSource, MESSAGE_PUBLISHER, MessagingLifecycle, ...(options.redis ? [REDIS] : [])],
      },
      { provide: APP_FILTER, useClass: ProblemFilter },
      { provide: APP_GUARD, useClass: AuthGuard },
    ];
    return {
      module: PlatformModule,
      imports: [LoggerModule.forRoot(loggerParams(config.SERVICE_NAME, config.LOG_LEVEL))],
      controllers: [HealthController, MetricsController],
      providers,
      exports: [SERVICE_CONFIG, DataSource, Outbox, OutboxRelay, MESSAGE_PUBLISHER, TOKEN_SETTINGS, Metrics, ...(options.redis ? [REDIS] : [])],
    };
  }
}
