import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, ServiceConfig } from '@calchain/platform';

/** The equipment service: boots on the platform; its bounded contexts arrive with their issue. */
@Module({})
export class EquipmentModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: EquipmentModule, imports: [PlatformModule.forRoot({ config, entities: [], migrations: [] })] };
  }
}
