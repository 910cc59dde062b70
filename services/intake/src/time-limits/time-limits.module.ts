import { Module } from '@nestjs/common';
import { PublicDisclosureController, TimeLimitsController } from './api/time-limits.controller';
import { TimeLimitService } from './application/time-limit-service';
import { TimeLimitSweep } from './application/time-limit-sweep';

@Module({ controllers: [TimeLimitsController, PublicDisclosureController], providers: [TimeLimitService, TimeLimitSweep], exports: [TimeLimitService, TimeLimitSweep] })
export class TimeLimitsModule {}
