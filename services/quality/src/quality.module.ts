import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, ServiceConfig } from '@calchain/platform';

/** The quality service: boots on the platform; its bounded contexts arrive with their issue. */
@Module({})
export class QualityModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: QualityModule, imports: [PlatformModule.forRoot({ config, entities: [], migrations: [] })] };
  }
}
