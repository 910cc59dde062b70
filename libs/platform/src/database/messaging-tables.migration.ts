import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables every service has in its own schema.
 * - outbox_message: written in the same transaction as the state change; `seq` orders relaying.
 *   The relay selects all unpublished rows each time (never "after the last published id"), so a
 *   row whose transaction commits late is still sent.
 * - inbox_message: one row per (consumer group, event id), written in the same transaction as the
 *   handler's effects; a redelivered event finds its row and has no second effect.
 */
export class MessagingTables1764100000000 implements MigrationInterface {
  name = 'MessagingTables1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table outbox_message (
        seq          bigserial primary key,
        id           uuid not null unique,
        topic        text not null,
        message_key  text not null,
        type         text not null,
        tenant       text not null,
        envelope     jsonb not null,
        created_at   timestamptz not null default now(),
        published_at timestamptz,
        attempts     integer not null default 0,
        last_error   text
      )`);
    await q.query(`create index outbox_message_unpublished on outbox_message (seq) where published_at is null`);
    await q.query(`
      create table inbox_message (
        consumer_group text not null,
        event_id       uuid not null,
        type           text not null,
        tenant         text not null,
        topic          text not null,
        kafka_partition integer not null,
        kafka_offset   bigint not null,
        processed_at   timestamptz not null default now(),
        primary key (consumer_group, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table inbox_message`);
    await q.query(`drop table outbox_message`);
  }
}
