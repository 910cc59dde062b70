import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, ZodValidationPipe } from '@calchain/platform';
import { RawRecordQueries } from '../application/raw-record-queries';

const SearchQuery = z
  .object({ workOrderId: z.uuid().optional(), itemId: z.uuid().optional() })
  .refine((q) => q.workOrderId || q.itemId, { message: 'give workOrderId or itemId', path: ['workOrderId'] });

@Controller('raw-records')
export class RawRecordsController {
  constructor(private readonly queries: RawRecordQueries) {}

  @Get()
  search(@Query(new ZodValidationPipe(SearchQuery)) query: z.infer<typeof SearchQuery>, @CurrentCaller() caller: Caller) {
    return this.queries.search(caller, query);
  }

  @Get(':id')
  get(@Param('id', new ZodValidationPipe(z.uuid())) id: string, @CurrentCaller() caller: Caller) {
    return this.queries.get(caller, id);
  }
}
