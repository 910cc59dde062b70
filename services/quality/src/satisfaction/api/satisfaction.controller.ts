import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { SatisfactionService } from '../application/satisfaction-service';
import { IdParam, IndexQuery, ResponseBody, SurveyQuery } from './satisfaction.dto';

const QUALITY_STAFF = ['quality-supervisor', 'technical-manager', 'administrator'] as const;

/** Customer satisfaction surveys, responses and indices. */
@Controller()
export class SatisfactionController {
  constructor(private readonly satisfaction: SatisfactionService) {}

  @Get('satisfaction-surveys')
  @RequireRoles(...QUALITY_STAFF)
  surveys(@Query(new ZodValidationPipe(SurveyQuery)) query: z.infer<typeof SurveyQuery>, @CurrentCaller() caller: Caller) {
    return this.satisfaction.surveys(caller, query);
  }

  @Get('satisfaction-surveys/:id')
  @RequireRoles(...QUALITY_STAFF)
  survey(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.satisfaction.survey(caller, id);
  }

  /** Quality staff record the customer's answer, whatever channel it came through. */
  @Post('satisfaction-surveys/:id/response')
  @HttpCode(201)
  @RequireRoles(...QUALITY_STAFF)
  respond(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(ResponseBody)) body: z.infer<typeof ResponseBody>, @CurrentCaller() caller: Caller) {
    return this.satisfaction.respond(caller, id, body);
  }

  @Get('satisfaction/indices')
  @RequireRoles(...QUALITY_STAFF, 'regulator')
  indices(@Query(new ZodValidationPipe(IndexQuery)) query: z.infer<typeof IndexQuery>, @CurrentCaller() caller: Caller) {
    return this.satisfaction.indices(caller, { from: new Date(query.from), to: new Date(query.to), by: query.by });
  }
}
