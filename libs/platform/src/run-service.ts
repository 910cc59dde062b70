import 'reflect-metadata';
import { DynamicModule } from '@nestjs/common';
import { bootstrapService } from './bootstrap';
import { loadServiceConfig, ServiceConfig } from './config/service-config';
import { migrateServiceSchema, serviceDataSourceOptions, ServiceDataSourceSpec } from './database/data-source';

export interface ServiceDescriptor {
  name: string;
  defaultPort: number;
  persistence: ServiceDataSourceSpec;
  module: (config: ServiceConfig) => DynamicModule;
  /** Keep the unparsed request body (the gateway forwards bytes as they came). */
  rawBody?: boolean;
}

/**
 * The one entry point of every service: `main.ts migrate` applies the schema's migrations and
 * exits (the command CI, scripts and the Helm hook run); without arguments the service serves.
 */
export async function runService(service: ServiceDescriptor, argv = process.argv.slice(2)): Promise<void> {
  try {
    const config = loadServiceConfig(service);
    if (argv[0] === 'migrate') {
      const applied = await migrateServiceSchema(serviceDataSourceOptions(config, service.persistence));
      process.stdout.write(`${service.name}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`);
      return;
    }
    await bootstrapService(service.module(config), config, { rawBody: service.rawBody });
  } catch (error) {
    process.stderr.write(`${service.name} failed to start: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  }
}
