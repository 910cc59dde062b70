import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { ARCHIVE_KEEPERS, DESTRUCTION_APPROVERS } from '../../shared/roles';
import { RetentionService } from '../application/retention-service';

/** expired records, destruction lists and their approval. */
@Controller('retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('expired')
  @RequireRoles(...ARCHIVE_KEEPERS)
  expired(@CurrentCaller() caller: Caller) {
    return this.retention.expired(caller);
  }

  @Get('destruction-lists')
  @RequireRoles(...ARCHIVE_KEEPERS)
  lists(@CurrentCaller() caller: Caller) {
    return this.retention.lists(caller);
  }

  @Post('destruction-lists')
  @RequireRoles(...ARCHIVE_KEEPERS)
  propose(@CurrentCaller() caller: Caller) {
    return this.retention.propose(caller);
  }

  @Post('destruction-lists/:id/approval')
  @HttpCode(200)
  @RequireRoles(...DESTRUCTION_APPROVERS)
  approve(@Param('id', new ZodValidationPipe(z.uuid())) id: string, @CurrentCaller() caller: Caller) {
    return this.retention.approve(caller, id);
  }
}
