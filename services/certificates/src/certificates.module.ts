import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, ServiceConfig } from '@calchain/platform';

/** The certificates service: boots on the platform; its bounded contexts arrive with their issue. */
@Module({})
export class CertificatesModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: CertificatesModule, imports: [PlatformModule.forRoot({ config, entities: [], migrations: [] })] };
  }
}
