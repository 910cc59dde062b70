import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { QualityControlService } from '../application/quality-control-service';
import { ChartBody, IdParam, PointBody, ResultBody, RoundBody } from './quality-control.dto';

const MANAGERS = ['quality-supervisor', 'technical-manager', 'administrator'] as const;
const READERS = [...MANAGERS, 'standard-responsible', 'regulator'] as const;

/** Proficiency testing and comparisons, control charts of check standards. */
@Controller()
export class QualityControlController {
  constructor(private readonly qc: QualityControlService) {}

  @Post('proficiency-rounds')
  @HttpCode(201)
  @RequireRoles(...MANAGERS)
  createRound(@Body(new ZodValidationPipe(RoundBody)) body: z.infer<typeof RoundBody>, @CurrentCaller() caller: Caller) {
    return this.qc.createRound(caller, body);
  }

  @Get('proficiency-rounds')
  @RequireRoles(...READERS)
  rounds(@CurrentCaller() caller: Caller) {
    return this.qc.rounds(caller);
  }

  @Get('proficiency-rounds/:id')
  @RequireRoles(...READERS)
  round(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.qc.round(caller, id);
  }

  @Post('proficiency-rounds/:id/results')
  @HttpCode(201)
  @RequireRoles(...MANAGERS, 'standard-responsible')
  result(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(ResultBody)) body: z.infer<typeof ResultBody>, @CurrentCaller() caller: Caller) {
    return this.qc.recordResult(caller, id, body);
  }

  @Post('control-charts')
  @HttpCode(201)
  @RequireRoles(...MANAGERS, 'standard-responsible')
  createChart(@Body(new ZodValidationPipe(ChartBody)) body: z.infer<typeof ChartBody>, @CurrentCaller() caller: Caller) {
    return this.qc.createChart(caller, body);
  }

  @Get('control-charts')
  @RequireRoles(...READERS)
  charts(@CurrentCaller() caller: Caller) {
    return this.qc.charts(caller);
  }

  @Get('control-charts/:id')
  @RequireRoles(...READERS)
  chart(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.qc.chart(caller, id);
  }

  /** Check-standard results are entered by the staff who measure them. */
  @Post('control-charts/:id/points')
  @HttpCode(201)
  @RequireRoles(...MANAGERS, 'standard-responsible', 'calibrator', 'checker')
  point(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(PointBody)) body: z.infer<typeof PointBody>, @CurrentCaller() caller: Caller) {
    return this.qc.recordPoint(caller, id, body);
  }
}
