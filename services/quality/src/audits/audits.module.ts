import { Module } from '@nestjs/common';
import { ImprovementModule } from '../improvement/improvement.module';
import { InternalAuditController } from './api/internal-audit.controller';
import { InternalAuditService } from './application/internal-audit-service';

@Module({ imports: [ImprovementModule], controllers: [InternalAuditController], providers: [InternalAuditService] })
export class AuditsModule {}
