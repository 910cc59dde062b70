import { parseEvent } from '@calchain/contracts';
import { Json, labDay, QualityUnderTest, yearsAgo } from './harness';

/**
 * Personnel rules of on the real service process, PostgreSQL and Kafka: each refusal is a
 * problem+json naming field, rule and requirement; authorisations, staffing and findings leave as
 * events; national IDs and registration numbers never leave the service.
 */
describe('quality service: personnel, employment and authorisations (R-5.1.1..R-5.1.5)', () => {
  let quality: QualityUnderTest;
  let east: string;
  let west: string;
  const personal: string[] = [];
  let seq = 0;

  beforeAll(async () => {
    quality = await QualityUnderTest.start('quality-personnel');
    east = await quality.token('lab-east', ['technical-manager'], 'tm-east');
    west = await quality.token('lab-west', ['technical-manager'], 'tm-west');
  });

  afterAll(() => quality?.stop());

  const nationalId = () => `1101051980${String(++seq).padStart(4, '0')}123X`.slice(0, 18);

  async function person(token: string, over: Partial<{ birthDate: string; title: string; nationalId: string; fullName: string }> = {}): Promise<string> {
    const body = { fullName: `Zhang Wei ${++seq}`, birthDate: '1985-04-02', nationalId: nationalId(), title: 'technician', ...over };
    personal.push(body.nationalId, body.fullName);
    const created = await quality.call('POST', '/persons', token, body);
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function employ(token: string, id: string) {
    return quality.call('POST', `/persons/${id}/employments`, token, { employmentType: 'employee', onSite: true, startedOn: labDay(-100) });
  }

  async function trainAndExamine(token: string, id: string, itemCode: string) {
    for (const kind of ['training', 'examination'] as const) {
      const r = await quality.call('POST', `/persons/${id}/competence`, token, {
        kind, itemCode, title: `${kind} ${itemCode}`, completedOn: labDay(-10), result: kind === 'training' ? 'attended' : 'passed',
      });
      expect(r.status).toBe(201);
    }
  }

  async function staff(token: string, itemCode: string, over: Parameters<typeof person>[1] = {}): Promise<string> {
    const id = await person(token, over);
    expect((await employ(token, id)).status).toBe(201);
    await trainAndExamine(token, id, itemCode);
    return id;
  }

  const grant = (token: string, id: string, itemCode: string, role: string, validUntil = labDay(365)) =>
    quality.call('POST', `/persons/${id}/authorisations`, token, { itemCode, role, validFrom: labDay(), validUntil });

  const outbox = async (type: string): Promise<Json[]> =>
    (await quality.database.query<{ envelope: Json }>(`select envelope from quality.outbox_message where type = $1 order by seq`, [type])).map((r) => r.envelope);

  function expectRule(response: { status: number; type: string | null; body: Json }, requirement: string, field: string, rule: string) {
    expect(response.status).toBe(422);
    expect(response.type).toMatch(/application\/problem\+json/);
    expect(response.body.requirement).toBe(requirement);
    expect(response.body.errors).toEqual([expect.objectContaining({ field, rule, requirement })]);
  }

  it('R-5.1.2 refuses to authorise anyone over 65, and ends an authorisation at the 65th birthday', async () => {
    const over65 = await staff(east, 'JJG 146-2011', { birthDate: yearsAgo(65, -1) });
    expectRule(await grant(east, over65, 'JJG 146-2011', 'calibrator'), 'R-5.1.2', 'validFrom', 'age-limit');

    const nearly65 = await staff(east, 'JJG 146-2011', { birthDate: yearsAgo(65, 30) });
    const granted = await grant(east, nearly65, 'JJG 146-2011', 'calibrator', labDay(400));
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ validUntil: labDay(30), limitedBy: 'R-5.1.2', status: 'active' });
    const [event] = (await outbox('quality.authorisation.granted')).filter((e) => e.payload.personId === nearly65);
    expect(event.payload).toMatchObject({ validUntil: labDay(30), role: 'calibrator', itemCode: 'JJG 146-2011' });
  });

  it('R-5.1.2 refuses an authorisation without an active employment; R-5.1.4 without training and examination', async () => {
    const unemployed = await person(east);
    await trainAndExamine(east, unemployed, 'JJG 146-2011');
    expectRule(await grant(east, unemployed, 'JJG 146-2011', 'calibrator'), 'R-5.1.2', 'personId', 'employment-required');

    const untrained = await person(east);
    await employ(east, untrained);
    expectRule(await grant(east, untrained, 'JJG 146-2011', 'calibrator'), 'R-5.1.4', 'itemCode', 'training-required');
  });

  it('R-5.1.3 lets only an engineer or a registered metrologist be an authorised signatory', async () => {
    const assistant = await staff(east, 'JJG 539-2016', { title: 'assistant-engineer' });
    expectRule(await grant(east, assistant, 'JJG 539-2016', 'authorised-signatory'), 'R-5.1.3', 'role', 'signatory-qualification');

    const registration = `RM2-${seq}-0042`;
    personal.push(registration);
    const qualified = await quality.call('POST', `/persons/${assistant}/qualifications`, east, {
      kind: 'registered-metrologist-level-2', name: 'Registered metrologist, level 2', registrationNumber: registration, validFrom: labDay(-300), validUntil: labDay(200),
    });
    expect(qualified.status).toBe(201);
    expect(qualified.body.qualifications[0]).toMatchObject({ registrationNumberOnFile: true });
    const granted = await grant(east, assistant, 'JJG 539-2016', 'authorised-signatory');
    expect(granted.status).toBe(201);
    // The qualification, not the title, carries the signatory: the authorisation ends with it.
    expect(granted.body).toMatchObject({ validUntil: labDay(200), limitedBy: 'R-5.1.3', qualifiedForResponsible: true });

    const engineer = await staff(east, 'JJG 539-2016', { title: 'engineer' });
    expect((await grant(east, engineer, 'JJG 539-2016', 'authorised-signatory')).status).toBe(201);
  });

  it('R-5.1.5 allows one active employment per person across the network (same national ID or registration number)', async () => {
    const id = nationalId();
    const atEast = await person(east, { nationalId: id });
    expect((await employ(east, atEast)).status).toBe(201);
    expectRule(await employ(east, atEast), 'R-5.1.5', 'personId', 'single-employment');

    // The same person in another institution's ledger, the ID written differently.
    const atWest = await person(west, { nationalId: ` ${id.slice(0, 6)}-${id.slice(6).toLowerCase()} ` });
    const refused = await employ(west, atWest);
    expectRule(refused, 'R-5.1.5', 'personId', 'single-employment');
    expect(refused.text).not.toMatch(/lab-east/);

    const ledger = await quality.call('GET', `/persons/${atEast}`, east);
    const ended = await quality.call('POST', `/persons/${atEast}/employments/${ledger.body.employment.id}/end`, east, { endedOn: labDay(), reason: 'moved to lab-west' });
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('not-employed');
    expect((await employ(west, atWest)).status).toBe(201);

    // A registered metrologist is the same person by registration number too.
    const registration = `RM1-${seq}-7781`;
    personal.push(registration);
    const rmEast = await person(east);
    await quality.call('POST', `/persons/${rmEast}/qualifications`, east, {
      kind: 'registered-metrologist-level-1', name: 'Registered metrologist, level 1', registrationNumber: registration, validFrom: labDay(-30), validUntil: null,
    });
    expect((await employ(east, rmEast)).status).toBe(201);
    const rmWest = await person(west);
    await quality.call('POST', `/persons/${rmWest}/qualifications`, west, {
      kind: 'registered-metrologist-level-1', name: 'Registered metrologist, level 1', registrationNumber: registration.toLowerCase(), validFrom: labDay(-30), validUntil: null,
    });
    expectRule(await employ(west, rmWest), 'R-5.1.5', 'personId', 'single-employment');
  });

  it('R-5.1.1 flags an item with fewer than two authorised persons or no qualified responsible person, and publishes its staffing', async () => {
    const item = 'JJF 1033-2023';
    const calibrator = await staff(east, item);
    expect((await grant(east, calibrator, item, 'calibrator')).status).toBe(201);

    let items = (await quality.call('GET', '/items', east)).body;
    expect(items.find((i: Json) => i.code === item)).toMatchObject({ authorisedPersons: 1, hasQualifiedResponsible: false, adequate: false });
    const findings = (await quality.database.queryAsTenant<Json>('lab-east', `select * from quality.finding where item_code = $1`, [item]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ source: 'personnel-staffing', requirement: 'R-5.1.1', status: 'open', severity: 'major' });

    // A standard responsible person without the qualification: two persons, still not adequate.
    const technician = await staff(east, item, { title: 'technician' });
    const responsible = await grant(east, technician, item, 'standard-responsible');
    expect(responsible.body.qualifiedForResponsible).toBe(false);
    items = (await quality.call('GET', '/items', east)).body;
    expect(items.find((i: Json) => i.code === item)).toMatchObject({ authorisedPersons: 2, hasQualifiedResponsible: false, adequate: false });

    // Promoted to engineer: adequate now.
    expect((await quality.call('PATCH', `/persons/${technician}/title`, east, { title: 'engineer' })).status).toBe(200);
    items = (await quality.call('GET', '/items', east)).body;
    expect(items.find((i: Json) => i.code === item)).toMatchObject({ authorisedPersons: 2, hasQualifiedResponsible: true, adequate: true });

    // Revoked: one person again; the open finding is not duplicated.
    const revoked = await quality.call('POST', `/authorisations/${responsible.body.id}/revoke`, east, { reason: 'left the discipline' });
    expect(revoked.body).toMatchObject({ status: 'revoked', endReason: 'revoked: left the discipline' });
    items = (await quality.call('GET', '/items', east)).body;
    expect(items.find((i: Json) => i.code === item)).toMatchObject({ authorisedPersons: 1, adequate: false });
    expect(await quality.database.queryAsTenant('lab-east', `select 1 from quality.finding where item_code = $1`, [item])).toHaveLength(1);

    const staffing = (await outbox('quality.item-staffing.changed')).filter((e) => e.payload.itemCode === item).map((e) => e.payload);
    expect(staffing.map((s) => [s.authorisedPersons, s.hasQualifiedResponsible, s.adequate])).toEqual([
      [1, false, false], [2, false, false], [2, true, true], [1, false, false],
    ]);
    const [revokedEvent] = (await outbox('quality.authorisation.revoked')).filter((e) => e.payload.authorisationId === responsible.body.id);
    expect(revokedEvent.payload).toMatchObject({ reason: 'revoked', endedOn: labDay(), personId: technician });
  });

  it('R-4.1.1 keeps each institution to its own ledger, and only managers change it', async () => {
    const id = await person(east);
    expect((await quality.call('GET', `/persons/${id}`, west)).status).toBe(404);
    const calibrator = await quality.token('lab-east', ['calibrator']);
    const forbidden = await quality.call('POST', '/persons', calibrator, { fullName: 'X', birthDate: '1990-01-01', nationalId: '123456789', title: 'none' });
    expect(forbidden.status).toBe(403);
    const invalid = await quality.call('POST', '/persons', east, { fullName: '', birthDate: '1990-13-01', nationalId: '1', title: 'wizard' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: Json) => e.field).sort()).toEqual(['birthDate', 'fullName', 'nationalId', 'title']);
  });

  it('publishes valid v1 events on Kafka, and no national ID, registration number or name leaves the service', async () => {
    const messages = await quality.publishedMessages();
    const types = new Set(messages.map((m) => JSON.parse(m.value).type));
    expect([...types].sort()).toEqual(['quality.authorisation.granted', 'quality.authorisation.revoked', 'quality.finding.raised', 'quality.item-staffing.changed']);
    for (const m of messages) expect(() => parseEvent(JSON.parse(m.value))).not.toThrow();

    const ledger = (await quality.call('GET', '/persons', east)).text + (await quality.call('GET', '/persons', west)).text;
    expect(ledger).toContain('Zhang Wei'); // the ledger itself is readable to its managers…
    const stored = JSON.stringify(await quality.database.queryAsTenant('lab-east', `select national_id_cipher, national_id_key from quality.person`));
    const log = quality.logText();
    expect(log.length).toBeGreaterThan(1000); // debug logging is on: the scan below has something to scan
    for (const value of personal.filter((v) => !v.startsWith('Zhang'))) {
      const variants = [value, value.toUpperCase(), value.replace(/[\s-]/g, '')];
      for (const v of variants) {
        expect(messages.some((m) => m.value.includes(v))).toBe(false);
        expect(log.includes(v)).toBe(false);
        expect(ledger.includes(v)).toBe(false); // …but never shows a national ID or registration number
        expect(stored.includes(v)).toBe(false);
      }
    }
    for (const name of personal.filter((v) => v.startsWith('Zhang'))) {
      expect(messages.some((m) => m.value.includes(name))).toBe(false);
      expect(log.includes(name)).toBe(false);
    }
  });
});
