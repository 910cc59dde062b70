import { Module } from '@nestjs/common';
import { ImprovementModule } from '../improvement/improvement.module';
import { SupervisionController } from './api/supervision.controller';
import { SupervisionService } from './application/supervision-service';
import { CertificateIssuedHandler } from './infrastructure/certificate-issued.handler';

@Module({ imports: [ImprovementModule], controllers: [SupervisionController], providers: [SupervisionService, CertificateIssuedHandler], exports: [SupervisionService] })
export class SupervisionModule {}
