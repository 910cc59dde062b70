import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { IdParam } from '../../shared/dto';
import { CHECKERS, EQUIPMENT_MANAGERS } from '../../shared/roles';
import { CalibrationService } from '../application/calibration.service';
import { EquipmentLedgerService } from '../application/equipment-ledger.service';
import { IntermediateCheckService } from '../application/intermediate-check.service';
import { TraceabilityService } from '../application/traceability.service';
import {
  AddDocumentBody, CheckPlanBody, CheckResultBody, LiftBody, ListEquipmentQuery, RecordCalibrationBody, RegisterEquipmentBody, RetireBody,
  SuspendBody, UpdateEquipmentBody, UsabilityQuery,
} from './ledger.dto';

const id = new ZodValidationPipe(IdParam);

@Controller('equipment')
export class EquipmentController {
  constructor(
    private readonly ledger: EquipmentLedgerService,
    private readonly calibrations: CalibrationService,
    private readonly traceability: TraceabilityService,
    private readonly checks: IntermediateCheckService,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireRoles(...EQUIPMENT_MANAGERS)
  register(@Body(new ZodValidationPipe(RegisterEquipmentBody)) body: z.infer<typeof RegisterEquipmentBody>, @CurrentCaller() caller: Caller) {
    return this.ledger.register(body, caller);
  }

  @Get()
  list(@Query(new ZodValidationPipe(ListEquipmentQuery)) query: z.infer<typeof ListEquipmentQuery>, @CurrentCaller() caller: Caller) {
    return this.ledger.list(query, caller);
  }

  @Get(':id')
  file(@Param('id', id) equipmentId: string, @CurrentCaller() caller: Caller) {
    return this.ledger.file(equipmentId, caller);
  }

  @Patch(':id')
  @RequireRoles(...EQUIPMENT_MANAGERS)
  update(@Param('id', id) equipmentId: string, @Body(new ZodValidationPipe(UpdateEquipmentBody)) body: z.infer<typeof UpdateEquipmentBody>, @CurrentCaller() caller: Caller) {
    return this.ledger.update(equipmentId, body, caller);
  }

  @Get(':id/history')
  history(@Param('id', id) equipmentId: string, @CurrentCaller() caller: Caller) {
    return this.ledger.history(equipmentId, caller);
  }

  @Post(':id/documents')
  @HttpCode(201)
  @RequireRoles(...EQUIPMENT_MANAGERS)
  addDocument(@Param('id', id) equipmentId: string, @Body(new ZodValidationPipe(AddDocumentBody)) body: z.infer<typeof AddDocumentBody>, @CurrentCaller() caller: Caller) {
    return this.ledger.addDocument(equipmentId, body, caller);
  }

  /** may it be used (today, or on a given day)? */
  @Get(':id/usability')
  usability(@Param('id', id) equipmentId: string, @Query(new ZodValidationPipe(UsabilityQuery)) query: z.infer<typeof UsabilityQuery>, @CurrentCaller() caller: Caller) {
    return this.ledger.usability(equipmentId, query.on, caller);
  }

  @Post(':id/suspensions')
  @HttpCode(201)
  @RequireRoles(...EQUIPMENT_MANAGERS)
  suspend(@Param('id', id) equipmentId: string, @Body(new ZodValidationPipe(SuspendBody)) body: z.infer<typeof SuspendBody>, @CurrentCaller() caller: Caller) {
    return this.ledger.suspend(equipmentId, 'suspended', body.reason, caller, body.on);
  }

  @Post(':id/removals-from-service')
  @HttpCode(201)
  @RequireRoles(...EQUIPMENT_MANAGERS)
  removeFromService(@Param('id', id) equipmentId: string, @Body(new ZodValidationPipe(SuspendBody)) body: z.infer<typeof SuspendBody>, @CurrentCaller() caller: Caller) {
    return this.ledger.suspend(equipmentId, 'out-of-service', body.reason, caller, body.on);
  }

  /** Lifts a suspension or ends a removal from service: always a recorded decision. */
  @Post(':id/suspensions/:suspensionId/lift')
  @HttpCode(200)
  @RequireRoles('technical-manager', 'administrator')
  lift(
    @Param('id', id) equipmentId: string,
    @Param('suspensionId', id) suspensionId: string,
    @Body(new ZodValidationPipe(LiftBody)) body: z.infer<typeof LiftBody>,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ledger.lift(equipmentId, suspensionId, body.reason, caller);
  }

  @Post(':id/retirement')
  @HttpCode(200)
  @RequireRoles(...EQUIPMENT_MANAGERS)
  retire(@Param('id', id) equipmentId: string, @Body(new ZodValidationPipe(RetireBody)) body: z.infer<typeof RetireBody>, @CurrentCaller() caller: Caller) {
    return this.ledger.retire(equipmentId, body.retiredOn, body.reason, caller);
  }

  @Post(':id/calibrations')
  @HttpCode(201)
  @RequireRoles(...EQUIPMENT_MANAGERS)
  recordCalibration(@Param('id', id) equipmentId: string, @Body(new ZodValidationPipe(RecordCalibrationBody)) body: z.infer<typeof RecordCalibrationBody>, @CurrentCaller() caller: Caller) {
    return this.calibrations.record(equipmentId, body, caller);
  }

  @Get(':id/traceability')
  chain(@Param('id', id) equipmentId: string, @CurrentCaller() caller: Caller) {
    return this.traceability.chain(equipmentId, caller);
  }

  @Post(':id/intermediate-check-plans')
  @HttpCode(201)
  @RequireRoles(...EQUIPMENT_MANAGERS)
  planChecks(@Param('id', id) equipmentId: string, @Body(new ZodValidationPipe(CheckPlanBody)) body: z.infer<typeof CheckPlanBody>, @CurrentCaller() caller: Caller) {
    return this.checks.plan(equipmentId, body, caller);
  }

  @Post(':id/intermediate-checks')
  @HttpCode(201)
  @RequireRoles(...CHECKERS)
  recordCheck(@Param('id', id) equipmentId: string, @Body(new ZodValidationPipe(CheckResultBody)) body: z.infer<typeof CheckResultBody>, @CurrentCaller() caller: Caller) {
    return this.checks.record(equipmentId, body, caller);
  }

  @Get(':id/intermediate-checks')
  listChecks(@Param('id', id) equipmentId: string, @CurrentCaller() caller: Caller) {
    return this.checks.checks(equipmentId, caller);
  }
}
