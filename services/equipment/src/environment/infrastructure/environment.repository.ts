import { EntityManager } from 'typeorm';
import { EnvironmentalLimit, EnvironmentQuantity } from '../domain/quantities';
import { Room } from '../domain/room';
import { MonitorState } from '../domain/excursions';

const ROOM_COLUMNS = `id, code, name, kind, parent_id as "parentId", activities, excluded_activities as "excludedActivities",
  access_list as "accessList", limits`;

export interface StoredReading {
  deviceId: string;
  quantity: EnvironmentQuantity;
  roomId: string;
  at: Date;
  value: string;
}

export interface QuantityCompliance {
  quantity: EnvironmentQuantity;
  readings: number;
  min: string | null;
  max: string | null;
  outside: number;
  first: Date | null;
  last: Date | null;
  maxGapSeconds: number | null;
}

/** Rooms, devices and the readings time series; always used inside a tenant transaction (row-level security). */
export class EnvironmentRepository {
  constructor(private readonly em: EntityManager) {}

  async insertRoom(tenantId: string, room: Room): Promise<boolean> {
    const rows = await this.em.query(
      `insert into room (id, tenant_id, code, name, kind, parent_id, activities, excluded_activities, access_list, limits)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) on conflict (tenant_id, code) do nothing returning id`,
      [room.id, tenantId, room.code, room.name, room.kind, room.parentId, room.activities, room.excludedActivities, room.accessList, JSON.stringify(room.limits)],
    );
    return rows.length === 1;
  }

  async updateRoom(room: Room): Promise<void> {
    await this.em.query(
      `update room set name = $2, activities = $3, excluded_activities = $4, access_list = $5, limits = $6 where id = $1`,
      [room.id, room.name, room.activities, room.excludedActivities, room.accessList, JSON.stringify(room.limits)],
    );
  }

  async room(id: string, lock = false): Promise<Room | null> {
    return (await this.em.query(`select ${ROOM_COLUMNS} from room where id = $1 ${lock ? 'for update' : ''}`, [id]))[0] ?? null;
  }

  async rooms(): Promise<Room[]> {
    return this.em.query(`select ${ROOM_COLUMNS} from room order by code`);
  }

  /** The rooms sharing space with one: its parent, its zones, and its sibling zones. */
  async neighbours(room: Pick<Room, 'id' | 'parentId'>): Promise<Room[]> {
    return this.em.query(
      `select ${ROOM_COLUMNS} from room
        where id <> $1 and (id = $2 or parent_id = $1 or ($2::uuid is not null and parent_id = $2))`,
      [room.id, room.parentId],
    );
  }

  async registerDevice(tenantId: string, deviceId: string, roomId: string, quantities: string[]): Promise<void> {
    await this.em.query(
      `insert into sensor_device (tenant_id, device_id, room_id, quantities) values ($1,$2,$3,$4)
       on conflict (tenant_id, device_id) do update set room_id = excluded.room_id, quantities = excluded.quantities`,
      [tenantId, deviceId, roomId, quantities],
    );
  }

  async devices(deviceIds: string[]): Promise<Map<string, { roomId: string; quantities: string[] }>> {
    const rows = await this.em.query(`select device_id as "deviceId", room_id as "roomId", quantities from sensor_device where device_id = any($1::text[])`, [deviceIds]);
    return new Map(rows.map((r: { deviceId: string; roomId: string; quantities: string[] }) => [r.deviceId, r]));
  }

  async devicesOf(roomId: string): Promise<{ deviceId: string; quantities: string[] }[]> {
    return this.em.query(`select device_id as "deviceId", quantities from sensor_device where room_id = $1 order by device_id`, [roomId]);
  }

  /**
   * One statement per batch (unnest of parallel arrays): fast for thousands of readings, and the
   * primary key makes a re-sent reading a no-op. Returns only the readings stored now.
   */
  async insertReadings(tenantId: string, readings: { deviceId: string; quantity: string; at: string; roomId: string; value: string }[]): Promise<StoredReading[]> {
    if (readings.length === 0) return [];
    const rows: { deviceId: string; quantity: EnvironmentQuantity; roomId: string; at: Date; value: string }[] = await this.em.query(
      `insert into env_reading (tenant_id, device_id, quantity, at, room_id, value)
       select $1, * from unnest($2::text[], $3::text[], $4::timestamptz[], $5::uuid[], $6::numeric[])
       on conflict do nothing
       returning device_id as "deviceId", quantity, room_id as "roomId", at, value::text as value`,
      [
        tenantId, readings.map((r) => r.deviceId), readings.map((r) => r.quantity), readings.map((r) => r.at), readings.map((r) => r.roomId),
        readings.map((r) => r.value),
      ],
    );
    return rows;
  }

  /** Locks (creating if needed) the monitoring state of a room and quantity, so concurrent batches take turns. */
  async monitorState(tenantId: string, roomId: string, quantity: string): Promise<MonitorState> {
    await this.em.query(
      `insert into env_monitor_state (tenant_id, room_id, quantity, last_at) values ($1, $2, $3, '-infinity') on conflict do nothing`,
      [tenantId, roomId, quantity],
    );
    const [row] = await this.em.query(
      `select s.last_at as "lastAt", isfinite(s.last_at) as finite, x.id, x.started_at as "startedAt", x.worst_value::text as "worstValue"
         from env_monitor_state s left join env_excursion x on x.id = s.open_excursion_id
        where s.room_id = $1 and s.quantity = $2 for update of s`,
      [roomId, quantity],
    );
    return { lastAt: row.finite ? row.lastAt : null, open: row.id ? { id: row.id, startedAt: row.startedAt, worstValue: row.worstValue } : null };
  }

  async saveMonitorState(roomId: string, quantity: string, state: MonitorState): Promise<void> {
    await this.em.query(`update env_monitor_state set last_at = coalesce($3, '-infinity'::timestamptz), open_excursion_id = $4 where room_id = $1 and quantity = $2`, [
      roomId, quantity, state.lastAt, state.open?.id ?? null,
    ]);
  }

  async insertExcursion(tenantId: string, x: { id: string; roomId: string; quantity: string; limit: EnvironmentalLimit; deviceId: string; startedAt: Date; value: string }): Promise<void> {
    await this.em.query(
      `insert into env_excursion (id, tenant_id, room_id, quantity, lower, upper, unit, device_id, started_at, first_value, worst_value)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10)`,
      [x.id, tenantId, x.roomId, x.quantity, x.limit.lower, x.limit.upper, x.limit.unit, x.deviceId, x.startedAt, x.value],
    );
  }

  async updateExcursion(id: string, worstValue: string, endedAt: Date | null): Promise<void> {
    await this.em.query(`update env_excursion set worst_value = $2, ended_at = coalesce($3, ended_at) where id = $1`, [id, worstValue, endedAt]);
  }

  async excursions(roomId: string | null, from: string | null, to: string | null): Promise<unknown[]> {
    return this.em.query(
      `select x.id, x.room_id as "roomId", r.code as "roomCode", x.quantity, x.lower::text as lower, x.upper::text as upper, x.unit,
              x.device_id as "deviceId", x.started_at as "startedAt", x.ended_at as "endedAt", x.first_value::text as "firstValue",
              x.worst_value::text as "worstValue"
         from env_excursion x join room r on r.id = x.room_id
        where ($1::uuid is null or x.room_id = $1)
          and ($2::timestamptz is null or coalesce(x.ended_at, 'infinity') >= $2)
          and ($3::timestamptz is null or x.started_at <= $3)
        order by x.started_at`,
      [roomId, from, to],
    );
  }

  /** The newest reading of each quantity at or before a moment, no older than maxAge. */
  async conditionsAt(roomId: string, at: string, maxAgeSeconds: number): Promise<{ quantity: EnvironmentQuantity; at: Date; value: string; deviceId: string }[]> {
    return this.em.query(
      `select distinct on (quantity) quantity, at, value::text as value, device_id as "deviceId"
         from env_reading
        where room_id = $1 and at <= $2::timestamptz and at > $2::timestamptz - make_interval(secs => $3)
        order by quantity, at desc`,
      [roomId, at, maxAgeSeconds],
    );
  }

  /**
   * Per quantity over an interval: how many readings, the extremes, how many lie outside the
   * limits (compared as exact numerics), the coverage and the longest silence between readings.
   */
  async compliance(roomId: string, from: string, to: string, limits: EnvironmentalLimit[]): Promise<QuantityCompliance[]> {
    if (limits.length === 0) return [];
    const rows = await this.em.query(
      `with l as (select * from unnest($4::text[], $5::numeric[], $6::numeric[]) as l(quantity, lower, upper)),
            r as (
              select e.quantity, e.at, e.value, l.lower, l.upper, lag(e.at) over (partition by e.quantity order by e.at) as prev_at
                from env_reading e join l on l.quantity = e.quantity
               where e.room_id = $1 and e.at >= $2::timestamptz and e.at <= $3::timestamptz)
       select l.quantity, count(r.at)::int as readings, min(r.value)::text as min, max(r.value)::text as max,
              (count(*) filter (where r.value < r.lower or r.value > r.upper))::int as outside,
              min(r.at) as first, max(r.at) as last, max(extract(epoch from r.at - r.prev_at))::float8 as "maxGapSeconds"
         from l left join r on r.quantity = l.quantity
        group by l.quantity order by l.quantity`,
      [roomId, from, to, limits.map((l) => l.quantity), limits.map((l) => l.lower), limits.map((l) => l.upper)],
    );
    return rows;
  }

  async outsideReadings(roomId: string, from: string, to: string, limit: EnvironmentalLimit, max = 20): Promise<{ at: Date; value: string; deviceId: string }[]> {
    return this.em.query(
      `select at, value::text as value, device_id as "deviceId" from env_reading
        where room_id = $1 and quantity = $2 and at >= $3::timestamptz and at <= $4::timestamptz
          and (value < $5::numeric or value > $6::numeric)
        order by at limit $7`,
      [roomId, limit.quantity, from, to, limit.lower, limit.upper, max],
    );
  }
}
