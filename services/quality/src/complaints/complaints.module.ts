import { Module } from '@nestjs/common';
import { ImprovementModule } from '../improvement/improvement.module';
import { ComplaintsController } from './api/complaints.controller';
import { WebFormController } from './api/web-form.controller';
import { ComplaintService } from './application/complaint-service';
import { WebFormIntake } from './application/web-form-intake';

@Module({ imports: [ImprovementModule], controllers: [ComplaintsController, WebFormController], providers: [ComplaintService, WebFormIntake], exports: [ComplaintService] })
export class ComplaintsModule {}
