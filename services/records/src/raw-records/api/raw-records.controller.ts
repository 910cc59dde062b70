import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, intParam, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { ARCHIVE_KEEPERS, CAPTURERS, RECORD_READERS, REVIEWERS } from '../../shared/roles';
import { RawRecordQueries } from '../application/raw-record-queries';
import { RecordCommands } from '../application/record-commands';
import { CalculationSpec } from '../domain/calculation';
import {
  CalculationBody, ConditionsBody, CorrectionBody, OpenRecordBody, ReadingsBody, RemeasureBody, ReturnBody, SearchQuery,
} from './raw-record.dto';

const Id = new ZodValidationPipe(z.uuid());

@Controller('raw-records')
export class RawRecordsController {
  constructor(
    private readonly queries: RawRecordQueries,
    private readonly commands: RecordCommands,
  ) {}

  /** search by order, item, serial number, customer, method, standard, equipment, person, status, date range. */
  @Get()
  @RequireRoles(...RECORD_READERS)
  search(@Query(new ZodValidationPipe(SearchQuery)) query: z.infer<typeof SearchQuery>, @CurrentCaller() caller: Caller) {
    return this.queries.search(caller, query);
  }

  @Get(':id')
  @RequireRoles(...RECORD_READERS)
  get(@Param('id', Id) id: string, @CurrentCaller() caller: Caller) {
    return this.queries.get(caller, id);
  }

  @Get(':id/versions')
  @RequireRoles(...RECORD_READERS)
  versions(@Param('id', Id) id: string, @CurrentCaller() caller: Caller) {
    return this.queries.versions(caller, id);
  }

  @Get(':id/versions/:version')
  @RequireRoles(...RECORD_READERS)
  atVersion(@Param('id', Id) id: string, @Param('version', new ZodValidationPipe(intParam(1))) version: number, @CurrentCaller() caller: Caller) {
    return this.queries.atVersion(caller, id, version);
  }

  @Get(':id/budgets/:resultId/reproduction')
  @RequireRoles(...RECORD_READERS)
  reproduce(@Param('id', Id) id: string, @Param('resultId') resultId: string, @CurrentCaller() caller: Caller) {
    return this.queries.reproduce(caller, id, resultId);
  }

  @Get(':id/access-log')
  @RequireRoles(...ARCHIVE_KEEPERS)
  accessLog(@Param('id', Id) id: string, @CurrentCaller() caller: Caller) {
    return this.queries.accessLog(caller, id);
  }

  @Post(':id/open')
  @HttpCode(200)
  @RequireRoles(...CAPTURERS)
  open(@Param('id', Id) id: string, @Body(new ZodValidationPipe(OpenRecordBody)) body: z.infer<typeof OpenRecordBody>, @CurrentCaller() caller: Caller) {
    return this.commands.open(caller, id, body).then(() => this.queries.get(caller, id));
  }

  @Post(':id/readings')
  @RequireRoles(...CAPTURERS)
  readings(@Param('id', Id) id: string, @Body(new ZodValidationPipe(ReadingsBody)) body: z.infer<typeof ReadingsBody>, @CurrentCaller() caller: Caller) {
    return this.commands.captureReadings(caller, id, body.readings);
  }

  @Post(':id/conditions')
  @RequireRoles(...CAPTURERS)
  conditions(@Param('id', Id) id: string, @Body(new ZodValidationPipe(ConditionsBody)) body: z.infer<typeof ConditionsBody>, @CurrentCaller() caller: Caller) {
    return this.commands.captureConditions(caller, id, body.conditions);
  }

  @Post(':id/observations/:observationId/corrections')
  @RequireRoles(...CAPTURERS)
  correct(
    @Param('id', Id) id: string,
    @Param('observationId', Id) observationId: string,
    @Body(new ZodValidationPipe(CorrectionBody)) body: z.infer<typeof CorrectionBody>,
    @CurrentCaller() caller: Caller,
  ) {
    return this.commands.correct(caller, id, observationId, body);
  }

  @Post(':id/calculation')
  @HttpCode(200)
  @RequireRoles(...CAPTURERS)
  calculate(@Param('id', Id) id: string, @Body(new ZodValidationPipe(CalculationBody)) body: z.infer<typeof CalculationBody>, @CurrentCaller() caller: Caller) {
    return this.commands.calculate(caller, id, body as CalculationSpec);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequireRoles(...CAPTURERS)
  submit(@Param('id', Id) id: string, @CurrentCaller() caller: Caller) {
    return this.commands.submit(caller, id);
  }

  @Post(':id/return')
  @HttpCode(200)
  @RequireRoles(...REVIEWERS)
  returnForRework(@Param('id', Id) id: string, @Body(new ZodValidationPipe(ReturnBody)) body: z.infer<typeof ReturnBody>, @CurrentCaller() caller: Caller) {
    return this.commands.returnForRework(caller, id, body.comments);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequireRoles(...REVIEWERS)
  approve(@Param('id', Id) id: string, @CurrentCaller() caller: Caller) {
    return this.commands.approve(caller, id);
  }

  @Post(':id/remeasurements')
  @RequireRoles('calibrator', 'technical-manager', 'quality-supervisor')
  remeasure(@Param('id', Id) id: string, @Body(new ZodValidationPipe(RemeasureBody)) body: z.infer<typeof RemeasureBody>, @CurrentCaller() caller: Caller) {
    return this.commands.remeasure(caller, id, body.reason);
  }

  /** always refused; expired records leave only through an approved destruction list. */
  @Delete(':id')
  delete(@Param('id', Id) id: string, @CurrentCaller() caller: Caller) {
    return this.commands.delete(caller, id);
  }
}
