import { Module } from '@nestjs/common';
import { ImprovementModule } from '../improvement/improvement.module';
import { PersonnelController } from './api/personnel.controller';
import { PersonnelService } from './application/personnel-service';
import { StaffingService } from './application/staffing';

@Module({ imports: [ImprovementModule], controllers: [PersonnelController], providers: [PersonnelService, StaffingService], exports: [PersonnelService] })
export class PersonnelModule {}
