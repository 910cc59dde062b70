import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { PersonnelModule } from '../personnel/personnel.module';
import { SweepController } from './sweep.controller';
import { SweepService } from './sweep.service';

@Module({ imports: [PersonnelModule, ComplaintsModule], controllers: [SweepController], providers: [SweepService] })
export class SweepModule {}
