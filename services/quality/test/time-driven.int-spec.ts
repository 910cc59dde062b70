import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { Role } from '@calchain/contracts';
import { loadServiceConfig, signAccessToken } from '@calchain/platform';
import { TestDatabase, testBrokers, uniqueTopicPrefix } from '@calchain/platform/testing';
import { QualityModule } from '../src/quality.module';
import { Clock } from '../src/shared/application/clock';
import { Json } from './harness';

/**
 * What happens because days pass (R-5.1.2 age limit, R-5.1.4 validity, R-5.1.1 staffing, R-8.3.2
 * time limits): the service built in-process on the real PostgreSQL and Kafka, with its injectable
 * clock moved forward instead of waiting.
 */
describe('quality service: rules that follow the calendar (injected clock)', () => {
  const DAY = 86_400_000;
  const start = new Date();
  const clock: Clock & { at: Date } = { at: start, now: () => clock.at };
  const secret = randomBytes(32).toString('hex');
  let database: TestDatabase;
  let app: INestApplication;
  let manager: string;

  beforeAll(async () => {
    database = await TestDatabase.create('quality-clock');
    const env = {
      PORT: '1', DATABASE_URL: database.url, KAFKA_BROKERS: testBrokers().join(','), KAFKA_TOPIC_PREFIX: uniqueTopicPrefix('quality-clock'),
      JWT_SECRET: secret, LOG_LEVEL: 'silent', OUTBOX_POLL_MS: '100', DATABASE_POOL_SIZE: '4',
      QUALITY_DATA_KEY: randomBytes(32).toString('base64'), QUALITY_TIME_ZONE: 'UTC',
    };
    const config = loadServiceConfig({ name: 'quality', defaultPort: 1 }, env);
    app = await NestFactory.create(QualityModule.register(config, { clock, env }), { logger: false });
    await app.init();
    manager = await token(['technical-manager', 'quality-supervisor'], 'tm-1');
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const token = (roles: Role[], subject: string) => signAccessToken({ tenant: 'lab-north', roles, subject }, { secret, issuer: 'calchain-local', audience: 'calchain' });
  const day = (offset: number) => new Date(start.getTime() + offset * DAY).toISOString().slice(0, 10);
  const http = () => request(app.getHttpServer());
  const post = async (path: string, body: unknown = {}) => (await http().post(path).set('authorization', `Bearer ${manager}`).send(body as object)).body as Json;
  const get = async (path: string) => (await http().get(path).set('authorization', `Bearer ${manager}`)).body as Json;
  const outbox = async (type: string): Promise<Json[]> =>
    (await database.query<{ envelope: Json }>(`select envelope from quality.outbox_message where type = $1 order by seq`, [type])).map((r) => r.envelope.payload);

  let n = 0;
  async function authorised(item: string, role: string, validUntil: string, over: Record<string, unknown> = {}): Promise<Json> {
    const person = await post('/persons', { fullName: `Person ${++n}`, birthDate: '1980-01-01', nationalId: `ID-${n}-${randomBytes(4).toString('hex')}`, title: 'engineer', ...over });
    await post(`/persons/${person.id}/employments`, { employmentType: 'agency', onSite: true, startedOn: day(-30) });
    await post(`/persons/${person.id}/competence`, { kind: 'training', itemCode: item, title: 'training', completedOn: day(-5), result: 'attended' });
    await post(`/persons/${person.id}/competence`, { kind: 'examination', itemCode: item, title: 'exam', completedOn: day(-4), result: 'passed' });
    const granted = await post(`/persons/${person.id}/authorisations`, { itemCode: item, role, validFrom: day(0), validUntil });
    expect(granted.status).toBe('active');
    return granted;
  }

  it('R-5.1.4 / R-5.1.2 authorisations lapse at their end date and at the age limit; the item becomes understaffed (R-5.1.1)', async () => {
    const item = 'JJG 4-2015';
    const shortTerm = await authorised(item, 'calibrator', day(10));
    const birthDate = new Date(Date.UTC(start.getUTCFullYear() - 65, start.getUTCMonth(), start.getUTCDate() + 5)).toISOString().slice(0, 10);
    const retiring = await authorised(item, 'checker', day(365), { birthDate });
    expect(retiring).toMatchObject({ validUntil: day(5), limitedBy: 'R-5.1.2' });
    await authorised(item, 'standard-responsible', day(365));
    expect((await get('/items')).find((i: Json) => i.code === item)).toMatchObject({ authorisedPersons: 3, adequate: true });

    clock.at = new Date(start.getTime() + 6 * DAY);
    expect(await post('/sweeps')).toMatchObject({ skipped: false, lapsedAuthorisations: 1 });
    expect((await get('/items')).find((i: Json) => i.code === item)).toMatchObject({ authorisedPersons: 2, adequate: true });

    clock.at = new Date(start.getTime() + 11 * DAY);
    expect(await post('/sweeps')).toMatchObject({ lapsedAuthorisations: 1 });
    expect(await post('/sweeps')).toMatchObject({ lapsedAuthorisations: 0 });
    expect((await get('/items')).find((i: Json) => i.code === item)).toMatchObject({ authorisedPersons: 1, hasQualifiedResponsible: true, adequate: false });

    const revoked = await outbox('quality.authorisation.revoked');
    expect(revoked).toEqual([
      expect.objectContaining({ authorisationId: retiring.id, reason: 'age-limit', endedOn: day(6) }),
      expect.objectContaining({ authorisationId: shortTerm.id, reason: 'expired', endedOn: day(11) }),
    ]);
    expect((await outbox('quality.item-staffing.changed')).filter((s) => s.itemCode === item).map((s) => s.authorisedPersons)).toEqual([1, 2, 3, 2, 1]);
    const findings = (await get('/findings?source=personnel-staffing')).filter((f: Json) => f.itemCode === item);
    expect(findings).toHaveLength(1); // raised while the item was being staffed, still open: not raised twice
    expect((await get('/authorisations?activeOn=' + day(11))).map((a: Json) => a.role)).toEqual(['standard-responsible']);
  });

  it('R-8.3.2 a complaint is breached when its published time limit passes on the clock', async () => {
    const clerk = await token(['intake-clerk'], 'clerk-1');
    const receipt = (await http().post('/complaints').set('authorization', `Bearer ${clerk}`).send({
      channel: 'email', category: 'turnaround', subject: 'Late', description: 'Item not returned in time', complainant: { name: 'Wang Fang', contact: 'wf@example.cn' },
    })).body;
    expect(receipt.handlingDays).toBe(30);
    clock.at = new Date(new Date(receipt.dueAt).getTime() - 1000);
    expect(await post('/sweeps')).toMatchObject({ breachedComplaints: 0 });
    clock.at = new Date(new Date(receipt.dueAt).getTime() + 1000);
    expect(await post('/sweeps')).toMatchObject({ breachedComplaints: 1 });
    expect(await outbox('quality.complaint.time-limit-breached')).toEqual([expect.objectContaining({ complaintId: receipt.id })]);
  });
});
