import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { RangeQuery } from '../../complaints/api/complaint.dto';
import { RegulatorSummary } from '../application/regulator-summary';

const READERS = ['regulator', 'quality-supervisor', 'technical-manager', 'administrator'] as const;

/**
 * Read-only summaries for a regulator with jurisdiction over the institution (issue 9; the
 * gateway picks the institution from the jurisdiction and audit-logs every call). Counts only.
 */
@Controller('regulator')
export class RegulatorSummaryController {
  constructor(private readonly summary: RegulatorSummary) {}

  /** personnel per authorised item, as counts: no names, no ids. */
  @Get('personnel-counts')
  @RequireRoles(...READERS)
  personnel(@CurrentCaller() caller: Caller) {
    return this.summary.personnelCounts(caller);
  }

  /** complaint counts by status, category and month, and time-limit breaches; never the complainant. */
  @Get('complaint-statistics')
  @RequireRoles(...READERS)
  complaints(@Query(new ZodValidationPipe(RangeQuery)) range: z.infer<typeof RangeQuery>, @CurrentCaller() caller: Caller) {
    return this.summary.complaintStatistics(caller, range);
  }
}
