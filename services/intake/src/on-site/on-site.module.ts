import { Module } from '@nestjs/common';
import { CapabilityModule } from '../capability/capability.module';
import { OnSiteController } from './api/on-site.controller';
import { OnSiteService } from './application/on-site-service';

@Module({ imports: [CapabilityModule], controllers: [OnSiteController], providers: [OnSiteService] })
export class OnSiteModule {}
