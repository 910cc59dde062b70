import { Module } from '@nestjs/common';
import { ImprovementModule } from '../improvement/improvement.module';
import { ComplaintsController } from './api/complaints.controller';
import { ComplaintService } from './application/complaint-service';

@Module({ imports: [ImprovementModule], controllers: [ComplaintsController], providers: [ComplaintService], exports: [ComplaintService] })
export class ComplaintsModule {}
