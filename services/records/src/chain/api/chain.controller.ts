import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { ARCHIVE_KEEPERS, CHAIN_VERIFIERS } from '../../shared/roles';
import { ChainService } from '../application/chain-service';

const Sha = z.string().regex(/^[0-9a-f]{64}$/);
const VerifyBody = z.object({
  /** Checkpoints held outside the database (as published in records.chain.checkpoint). */
  checkpoints: z
    .array(z.object({ checkpointId: z.uuid().optional(), fromSequence: z.number().int().min(1), toSequence: z.number().int().min(1), headHash: Sha, merkleRoot: Sha }).passthrough())
    .max(10_000)
    .default([]),
});

/** the verification endpoint and the checkpoints of the institution's record chain. */
@Controller('chain')
export class ChainController {
  constructor(private readonly chain: ChainService) {}

  @Get('verification')
  @RequireRoles(...CHAIN_VERIFIERS)
  verify(@CurrentCaller() caller: Caller) {
    return this.chain.verify(caller);
  }

  @Post('verification')
  @HttpCode(200)
  @RequireRoles(...CHAIN_VERIFIERS)
  verifyAgainst(@Body(new ZodValidationPipe(VerifyBody)) body: z.infer<typeof VerifyBody>, @CurrentCaller() caller: Caller) {
    return this.chain.verify(caller, body.checkpoints);
  }

  @Get('checkpoints')
  @RequireRoles(...CHAIN_VERIFIERS)
  checkpoints(@CurrentCaller() caller: Caller) {
    return this.chain.checkpoints(caller);
  }

  @Post('checkpoints')
  @RequireRoles(...ARCHIVE_KEEPERS)
  async checkpoint(@CurrentCaller() caller: Caller) {
    return (await this.chain.checkpoint(caller)) ?? { checkpoint: null, detail: 'no entries since the last checkpoint' };
  }
}
