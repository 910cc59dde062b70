import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, FieldProblem, Outbox, ProblemException, LabCalendar, TenantTransactions } from '@calchain/platform';
import { EquipmentRepository } from '../../ledger/infrastructure/equipment.repository';
import { MethodRepository } from '../../methods/infrastructure/method.repository';
import { detectExcursions } from '../domain/excursions';
import { CANONICAL_UNITS, EnvironmentQuantity } from '../domain/quantities';
import { mayEnter, Room, separationBreaches } from '../domain/room';
import { EnvironmentRepository, StoredReading } from '../infrastructure/environment.repository';
import { CreateRoomInput, ReadingsInput } from '../api/environment.dto';

/** rooms and zones, sensor ingestion with excursion events, and condition queries. */
@Injectable()
export class EnvironmentService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly calendar: LabCalendar,
    private readonly outbox: Outbox,
  ) {}

  async createRoom(input: CreateRoomInput, caller: Caller): Promise<Room> {
    return this.tx.run(caller.tenant, async (em) => {
      const repository = new EnvironmentRepository(em);
      await new EquipmentRepository(em).registerTenant(caller.tenant);
      if (input.parentId) {
        const parent = await repository.room(input.parentId);
        if (!parent) throw ProblemException.validation([{ field: 'parentId', rule: 'exists', message: `room ${input.parentId} does not exist` }]);
        if (input.kind !== 'zone') throw ProblemException.validation([{ field: 'kind', rule: 'zone', message: 'a space inside a room is a zone' }]);
      }
      const room: Room = { id: randomUUID(), ...input };
      this.refuseIncompatible(room, await repository.neighbours(room));
      if (!(await repository.insertRoom(caller.tenant, room))) throw ProblemException.conflict(`Room ${input.code} exists already.`);
      return room;
    });
  }

  async updateRoom(id: string, changes: Partial<Pick<Room, 'name' | 'activities' | 'excludedActivities' | 'accessList' | 'limits'>>, caller: Caller): Promise<Room> {
    return this.tx.run(caller.tenant, async (em) => {
      const repository = new EnvironmentRepository(em);
      const before = await repository.room(id, true);
      if (!before) throw ProblemException.notFound('Room', id);
      const room = { ...before, ...changes };
      this.refuseIncompatible(room, await repository.neighbours(room));
      await repository.updateRoom(room);
      return room;
    });
  }

  async rooms(caller: Caller): Promise<Room[]> {
    return this.tx.read(caller.tenant, (em) => new EnvironmentRepository(em).rooms());
  }

  async room(id: string, caller: Caller) {
    return this.tx.read(caller.tenant, async (em) => {
      const repository = new EnvironmentRepository(em);
      const room = await repository.room(id);
      if (!room) throw ProblemException.notFound('Room', id);
      return { ...room, devices: await repository.devicesOf(id) };
    });
  }

  async access(id: string, subject: string, caller: Caller) {
    const room = await this.room(id, caller);
    return { roomId: id, subject, allowed: mayEnter(room, subject), controlled: room.accessList.length > 0 };
  }

  async registerDevice(roomId: string, deviceId: string, quantities: EnvironmentQuantity[], caller: Caller) {
    return this.tx.run(caller.tenant, async (em) => {
      const repository = new EnvironmentRepository(em);
      if (!(await repository.room(roomId))) throw ProblemException.notFound('Room', roomId);
      await repository.registerDevice(caller.tenant, deviceId, roomId, quantities);
      return { deviceId, roomId, quantities };
    });
  }

  /**
   * ingestion: a batch is validated whole (unknown devices, quantities a device does not
   * measure and non-canonical units are refused), stored in one statement (re-sent readings are
   * no-ops), then walked per room and quantity for excursions against the room's limits.
   */
  async ingest(input: ReadingsInput, caller: Caller) {
    return this.tx.run(caller.tenant, async (em) => {
      const repository = new EnvironmentRepository(em);
      const devices = await repository.devices([...new Set(input.series.map((s) => s.deviceId))]);
      const problems: FieldProblem[] = [];
      input.series.forEach((s, i) => {
        const device = devices.get(s.deviceId);
        if (!device) problems.push({ field: `series.${i}.deviceId`, rule: 'registered-device', message: `device ${s.deviceId} is not registered to a room`, requirement: 'R-5.4.2' });
        else if (!device.quantities.includes(s.quantity)) problems.push({ field: `series.${i}.quantity`, rule: 'device-quantity', message: `device ${s.deviceId} does not measure ${s.quantity}` });
        if (s.unit !== CANONICAL_UNITS[s.quantity]) problems.push({ field: `series.${i}.unit`, rule: 'canonical-unit', message: `${s.quantity} is sent in ${CANONICAL_UNITS[s.quantity]}` });
      });
      if (problems.length) throw ProblemException.validation(problems, 'The batch was not stored.');

      const rows = input.series.flatMap((s) => s.readings.map((r) => ({ deviceId: s.deviceId, quantity: s.quantity, at: r.at, value: r.value, roomId: devices.get(s.deviceId)!.roomId })));
      const stored = await repository.insertReadings(caller.tenant, rows);
      const { started, ended } = await this.detect(em, repository, caller.tenant, stored);
      return { received: rows.length, stored: stored.length, duplicates: rows.length - stored.length, excursionsStarted: started, excursionsEnded: ended };
    });
  }

  private async detect(em: EntityManager, repository: EnvironmentRepository, tenant: string, stored: StoredReading[]) {
    const groups = new Map<string, StoredReading[]>();
    for (const r of stored) {
      const key = `${r.roomId}|${r.quantity}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    let started = 0;
    let ended = 0;
    const rooms = new Map<string, Room>();
    // Fixed order, so two batches locking the same states never deadlock.
    for (const key of [...groups.keys()].sort()) {
      const readings = groups.get(key)!;
      const { roomId, quantity } = readings[0];
      if (!rooms.has(roomId)) rooms.set(roomId, (await repository.room(roomId))!);
      const room = rooms.get(roomId)!;
      const limit = room.limits.find((l) => l.quantity === quantity);
      const state = await repository.monitorState(tenant, roomId, quantity);
      const changes = detectExcursions(limit, state, readings, randomUUID);
      for (const s of changes.started) {
        await repository.insertExcursion(tenant, { id: s.id, roomId, quantity, limit: limit!, deviceId: s.deviceId, startedAt: s.startedAt, value: s.value });
        await this.outbox.add(em, {
          type: 'equipment.environment.excursion-detected',
          tenant,
          aggregateId: roomId,
          payload: {
            excursionId: s.id, roomId, roomCode: room.code, quantity, unit: limit!.unit, lower: limit!.lower, upper: limit!.upper, value: s.value,
            deviceId: s.deviceId, startedAt: s.startedAt.toISOString(),
          },
        });
        started++;
      }
      for (const e of changes.ended) {
        await repository.updateExcursion(e.id, e.worstValue, e.endedAt);
        await this.outbox.add(em, {
          type: 'equipment.environment.excursion-ended',
          tenant,
          aggregateId: roomId,
          payload: { excursionId: e.id, roomId, roomCode: room.code, quantity, startedAt: e.startedAt.toISOString(), endedAt: e.endedAt.toISOString(), worstValue: e.worstValue },
        });
        ended++;
      }
      if (changes.worsened) await repository.updateExcursion(changes.worsened.id, changes.worsened.worstValue, null);
      await repository.saveMonitorState(roomId, quantity, changes.state);
    }
    return { started, ended };
  }

  /** "What were the conditions in room R at time t": the newest reading of each quantity, judged against the room's limits. */
  async conditionsAt(roomId: string, at: string, maxAgeSeconds: number, caller: Caller) {
    return this.tx.read(caller.tenant, async (em) => {
      const repository = new EnvironmentRepository(em);
      const room = await repository.room(roomId);
      if (!room) throw ProblemException.notFound('Room', roomId);
      const readings = await repository.conditionsAt(roomId, at, maxAgeSeconds);
      const measured = new Set(readings.map((r) => r.quantity));
      return {
        roomId,
        roomCode: room.code,
        at,
        conditions: readings.map((r) => ({ ...r, unit: CANONICAL_UNITS[r.quantity] })),
        missing: room.limits.map((l) => l.quantity).filter((q) => !measured.has(q)),
      };
    });
  }

  /**
   * R-5.4.1 "were the limits of method M met in room R over [from, to]": per limited quantity,
   * every reading within the limit, and monitoring continuous (no silence longer than maxGap,
   * including at the ends). Without data the answer is "insufficient data", never "met".
   */
  async compliance(roomId: string, q: { methodId: string; from: string; to: string; maxGapSeconds: number }, caller: Caller) {
    if (new Date(q.from) >= new Date(q.to)) throw ProblemException.validation([{ field: 'to', rule: 'after-from', message: 'the interval ends after it starts' }]);
    return this.tx.read(caller.tenant, async (em) => {
      const repository = new EnvironmentRepository(em);
      const room = await repository.room(roomId);
      if (!room) throw ProblemException.notFound('Room', roomId);
      const method = await new MethodRepository(em).find(q.methodId);
      if (!method) throw ProblemException.notFound('Method', q.methodId);
      const from = new Date(q.from).getTime();
      const to = new Date(q.to).getTime();
      const stats = await repository.compliance(roomId, q.from, q.to, method.environmentalLimits);
      const quantities = [];
      for (const limit of method.environmentalLimits) {
        const s = stats.find((x) => x.quantity === limit.quantity)!;
        const gaps = s.readings === 0 ? [] : [(new Date(s.first!).getTime() - from) / 1000, (to - new Date(s.last!).getTime()) / 1000, s.maxGapSeconds ?? 0];
        const continuous = s.readings > 0 && gaps.every((g) => g <= q.maxGapSeconds);
        const verdict = s.outside > 0 ? 'not-met' : continuous ? 'met' : 'insufficient-data';
        quantities.push({
          ...limit,
          verdict,
          readings: s.readings,
          min: s.min,
          max: s.max,
          outside: s.outside,
          longestGapSeconds: s.readings === 0 ? null : Math.max(...gaps),
          firstOutside: s.outside > 0 ? await repository.outsideReadings(roomId, q.from, q.to, limit) : [],
        });
      }
      const verdicts = quantities.map((x) => x.verdict);
      const verdict = verdicts.includes('not-met') ? 'not-met' : verdicts.includes('insufficient-data') ? 'insufficient-data' : 'met';
      return { roomId, roomCode: room.code, methodId: method.id, methodCode: method.code, methodVersion: method.version, from: q.from, to: q.to, met: verdict === 'met', verdict, quantities };
    });
  }

  async excursions(roomId: string | null, from: string | null, to: string | null, caller: Caller) {
    return this.tx.read(caller.tenant, (em) => new EnvironmentRepository(em).excursions(roomId, from, to));
  }

  /** The environment dashboard: each room's current conditions against its limits and its open excursions. */
  async dashboard(caller: Caller) {
    const now = this.calendar.now().toISOString();
    return this.tx.read(caller.tenant, async (em) => {
      const repository = new EnvironmentRepository(em);
      const open = (await repository.excursions(null, now, now)) as { roomId: string; endedAt: Date | null }[];
      const rooms = [];
      for (const room of await repository.rooms()) {
        rooms.push({
          roomId: room.id,
          code: room.code,
          name: room.name,
          limits: room.limits,
          conditions: (await repository.conditionsAt(room.id, now, 900)).map((r) => ({ ...r, unit: CANONICAL_UNITS[r.quantity] })),
          openExcursions: open.filter((x) => x.roomId === room.id && x.endedAt === null),
        });
      }
      return { at: now, rooms };
    });
  }

  private refuseIncompatible(room: Room, neighbours: Room[]): void {
    const breaches = separationBreaches(room, neighbours);
    if (breaches.length) throw ProblemException.ruleViolation('R-5.4.3', `Incompatible activities would share a space: ${breaches.join('; ')}.`, 'activities', 'separation');
  }
}
