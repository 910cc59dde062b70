import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { IdParam } from '../../shared/dto';
import { FACILITY_MANAGERS, READING_SENDERS } from '../../shared/roles';
import { EnvironmentService } from '../application/environment.service';
import {
  AccessQuery, ComplianceQuery, ConditionsQuery, CreateRoomBody, ExcursionsQuery, ReadingsBody, RegisterDeviceBody, UpdateRoomBody,
} from './environment.dto';

const id = new ZodValidationPipe(IdParam);

@Controller('rooms')
export class RoomsController {
  constructor(private readonly environment: EnvironmentService) {}

  @Post()
  @HttpCode(201)
  @RequireRoles(...FACILITY_MANAGERS)
  create(@Body(new ZodValidationPipe(CreateRoomBody)) body: z.infer<typeof CreateRoomBody>, @CurrentCaller() caller: Caller) {
    return this.environment.createRoom(body, caller);
  }

  @Get()
  list(@CurrentCaller() caller: Caller) {
    return this.environment.rooms(caller);
  }

  @Get(':id')
  get(@Param('id', id) roomId: string, @CurrentCaller() caller: Caller) {
    return this.environment.room(roomId, caller);
  }

  @Patch(':id')
  @RequireRoles(...FACILITY_MANAGERS)
  update(@Param('id', id) roomId: string, @Body(new ZodValidationPipe(UpdateRoomBody)) body: z.infer<typeof UpdateRoomBody>, @CurrentCaller() caller: Caller) {
    return this.environment.updateRoom(roomId, body, caller);
  }

  /** may this person enter? */
  @Get(':id/access')
  access(@Param('id', id) roomId: string, @Query(new ZodValidationPipe(AccessQuery)) query: z.infer<typeof AccessQuery>, @CurrentCaller() caller: Caller) {
    return this.environment.access(roomId, query.subject, caller);
  }

  @Post(':id/devices')
  @HttpCode(201)
  @RequireRoles(...FACILITY_MANAGERS)
  registerDevice(@Param('id', id) roomId: string, @Body(new ZodValidationPipe(RegisterDeviceBody)) body: z.infer<typeof RegisterDeviceBody>, @CurrentCaller() caller: Caller) {
    return this.environment.registerDevice(roomId, body.deviceId, body.quantities, caller);
  }

  /** "What were the conditions in room R at time t?" */
  @Get(':id/conditions')
  conditions(@Param('id', id) roomId: string, @Query(new ZodValidationPipe(ConditionsQuery)) query: z.infer<typeof ConditionsQuery>, @CurrentCaller() caller: Caller) {
    return this.environment.conditionsAt(roomId, query.at, query.maxAgeSeconds, caller);
  }

  /** "Were the limits of method M met over the interval?" */
  @Get(':id/compliance')
  compliance(@Param('id', id) roomId: string, @Query(new ZodValidationPipe(ComplianceQuery)) query: z.infer<typeof ComplianceQuery>, @CurrentCaller() caller: Caller) {
    return this.environment.compliance(roomId, query, caller);
  }

  @Get(':id/excursions')
  excursions(@Param('id', id) roomId: string, @Query(new ZodValidationPipe(ExcursionsQuery)) query: z.infer<typeof ExcursionsQuery>, @CurrentCaller() caller: Caller) {
    return this.environment.excursions(roomId, query.from ?? null, query.to ?? null, caller);
  }
}

@Controller('environment')
export class EnvironmentController {
  constructor(private readonly environment: EnvironmentService) {}

  /** Batched, idempotent sensor ingestion for many devices posting often. */
  @Post('readings')
  @HttpCode(200)
  @RequireRoles(...READING_SENDERS)
  ingest(@Body(new ZodValidationPipe(ReadingsBody)) body: z.infer<typeof ReadingsBody>, @CurrentCaller() caller: Caller) {
    return this.environment.ingest(body, caller);
  }

  @Get('dashboard')
  dashboard(@CurrentCaller() caller: Caller) {
    return this.environment.dashboard(caller);
  }

  @Get('excursions')
  excursions(@Query(new ZodValidationPipe(ExcursionsQuery)) query: z.infer<typeof ExcursionsQuery>, @CurrentCaller() caller: Caller) {
    return this.environment.excursions(null, query.from ?? null, query.to ?? null, caller);
  }
}
