import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, IsoDateTime, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { ManagementReviewService } from '../application/management-review';

const PeriodQuery = z.object({
  from: IsoDateTime.transform((v) => new Date(v)),
  to: IsoDateTime.transform((v) => new Date(v)),
}).refine((p) => p.from < p.to, { message: 'from must be before to', path: ['to'] });

@Controller('management-review')
export class ManagementReviewController {
  constructor(private readonly review: ManagementReviewService) {}

  @Get('pack')
  @RequireRoles('technical-manager', 'quality-supervisor', 'administrator')
  pack(@Query(new ZodValidationPipe(PeriodQuery)) period: z.infer<typeof PeriodQuery>, @CurrentCaller() caller: Caller) {
    return this.review.pack(caller, period);
  }
}
