import { IntakeHarness, itemBody, publishedEvents, seedCapableLab, seedInstitution, todayInShanghai } from './support/intake-harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON */

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Time-limit promises (issue 4, capability 7) on real PostgreSQL and Kafka. The
 * service's clock is moved with INTAKE_CLOCK_OFFSET_DAYS (honoured only under NODE_ENV=test) and
 * the process restarted to let lab days pass: accepted on Thursday 2027-12-30, with New Year's Eve
 * and Monday 2028-01-03 as holidays and Sunday 2028-01-02 worked.
 */
describe('time-limit promises across weekends and holidays, breach detection (real Kafka and PostgreSQL)', () => {
  let h: IntakeHarness;
  const tenant = 'lab-clock';
  const saved = { offset: process.env.INTAKE_CLOCK_OFFSET_DAYS, sweep: process.env.INTAKE_TIME_LIMIT_SWEEP_MS };
  const labDay = (day: string) => {
    process.env.INTAKE_CLOCK_OFFSET_DAYS = String(daysBetween(todayInShanghai(), day));
  };
  const restartOn = async (day: string) => {
    await h.platform.service('intake').stop();
    labDay(day);
    await h.platform.service('intake').start();
  };

  beforeAll(async () => {
    process.env.INTAKE_TIME_LIMIT_SWEEP_MS = '0';
    labDay('2027-12-30');
    h = await IntakeHarness.start('intake-clock');
  });

  afterAll(async () => {
    await h?.stop();
    for (const [key, value] of [['INTAKE_CLOCK_OFFSET_DAYS', saved.offset], ['INTAKE_TIME_LIMIT_SWEEP_MS', saved.sweep]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('R-4.4 publishes the fee schedule and time limits without a token, with the last review and the overdue alarm', async () => {
    await seedCapableLab(h, tenant);
    await seedInstitution(h, tenant, 3);
    const published = await h.call('GET', `/public/${tenant}/time-limits`, undefined);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ institution: tenant, lastReviewedOn: null, reviewOverdue: true });
    expect(published.body.entries).toEqual(expect.arrayContaining([{ serviceKind: 'calibration', discipline: 'length', workingDays: 3, note: null }]));

    const supervisor = await h.token(tenant, ['quality-supervisor']);
    const future = await h.call('POST', '/disclosure-reviews', supervisor, { document: 'time-limits', reviewedOn: '2028-01-01' });
    expect(future.status).toBe(422);
    expect(future.body.errors[0]).toMatchObject({ field: 'reviewedOn', requirement: 'R-4.4' });
    expect((await h.call('POST', '/disclosure-reviews', supervisor, { document: 'time-limits', reviewedOn: '2027-12-29', note: 'checked against the price bureau notice' })).status).toBe(201);
    const reviewed = await h.call('GET', `/public/${tenant}/time-limits`, undefined);
    expect(reviewed.body).toMatchObject({ lastReviewedOn: '2027-12-29', nextReviewDue: '2028-12-28', reviewOverdue: false });

    const fees = await h.call('GET', `/public/${tenant}/fee-schedule`, undefined);
    expect(fees.body.entries[0]).toMatchObject({ code: 'L-001', unitPrice: '120.00', currency: 'CNY' });
    expect(fees.body.reviewOverdue).toBe(true);
  });

  it('R-6.2.6 promises the date the published working days allow across weekend, holidays and the year boundary, and breaches are told once', async () => {
    const admin = await h.token(tenant, ['administrator']);
    for (const [day, kind, name] of [['2027-12-31', 'holiday', "New Year's Eve"], ['2028-01-03', 'holiday', 'New Year (observed)'], ['2028-01-02', 'working-day', 'worked Sunday']]) {
      expect((await h.call('PUT', `/calendar/${day}`, admin, { kind, name })).status).toBe(200);
    }
    const customer = await h.call('GET', '/customers', admin);
    const clerk = await h.token(tenant, ['intake-clerk']);
    // 3 working days from Thu 2027-12-30: (Fri 31 holiday, weekend) Sun 01-02 worked, (Mon 01-03 holiday) Tue 01-04, Wed 01-05.
    const created = await h.call('POST', '/contracts', clerk, { customerId: customer.body.items[0].id, items: [itemBody({ requestedCompletionDate: '2028-01-04' })] });
    const timeLimit = created.body.review.checks.find((c: any) => c.check === 'time-limit');
    expect(timeLimit).toMatchObject({ outcome: 'fail', requirement: 'R-6.2.6' });
    expect(timeLimit.finding).toMatch(/requested completion date 2028-01-04 is before 2028-01-05/);

    const contractId = created.body.contract.id;
    const item = created.body.version.items[0];
    const changed = await h.call('POST', `/contracts/${contractId}/versions`, clerk, {
      changeReason: 'customer accepts the published time limit', items: [itemBody({ itemId: item.itemId, requestedCompletionDate: '2028-01-10' })],
    });
    expect(changed.body.review.outcome).toBe('passed');
    const accepted = await h.call('POST', `/contracts/${contractId}/accept`, clerk);
    expect(accepted.status).toBe(200);
    expect(accepted.body.workOrders[0].dueDate).toBe('2028-01-05');

    const manager = await h.token(tenant, ['technical-manager']);
    const clocks = await h.call('GET', `/time-limit-promises?contractId=${contractId}`, manager);
    expect(clocks.body.items[0]).toMatchObject({ itemId: item.itemId, startedOn: '2027-12-30', promisedDate: '2028-01-05', workingDays: 3 });
    expect(clocks.body.items[0].clock).toEqual({ state: 'running', workingDaysLeft: 3, workingDaysOverdue: 0 });
    expect((await h.call('POST', '/time-limit-promises/sweep', manager)).body).toMatchObject({ checked: 1, announcedAtRisk: 0, announcedBreached: 0 });

    await restartOn('2028-01-04');
    expect((await h.call('POST', '/time-limit-promises/sweep', manager)).body).toMatchObject({ atRisk: 1, announcedAtRisk: 1, announcedBreached: 0 });
    expect((await h.call('POST', '/time-limit-promises/sweep', manager)).body.announcedAtRisk).toBe(0);

    await restartOn('2028-01-06');
    expect((await h.call('POST', '/time-limit-promises/sweep', manager)).body).toMatchObject({ breached: 1, announcedBreached: 1 });
    expect((await h.call('POST', '/time-limit-promises/sweep', manager)).body).toMatchObject({ breached: 1, announcedBreached: 0 });
    const metrics = await h.call('GET', '/time-limit-promises/metrics', undefined);
    expect(metrics.body).toMatch(new RegExp(`intake_items_breached\\{institution="${tenant}"\\} 1`));

    const events = await publishedEvents(h, 'intake.item.time-limit', 2);
    const mine = events.filter((e: any) => e.aggregateId === item.itemId);
    expect(mine.map((e: any) => [e.type, e.payload.promisedDate])).toEqual([
      ['intake.item.time-limit-at-risk', '2028-01-05'],
      ['intake.item.time-limit-breached', '2028-01-05'],
    ]);
    expect(mine[0].payload.workingDaysLeft).toBe(1);
    expect(mine[1].payload.workingDaysOverdue).toBe(1);
  });
});
