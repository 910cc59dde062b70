import { Module } from '@nestjs/common';
import { ImprovementModule } from '../improvement/improvement.module';
import { QualityControlController } from './api/quality-control.controller';
import { QualityControlService } from './application/quality-control-service';

@Module({ imports: [ImprovementModule], controllers: [QualityControlController], providers: [QualityControlService] })
export class QualityControlModule {}
