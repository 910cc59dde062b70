/**
 * One institution set up for the benchmark through the gateway, the way a lab would do it:
 * equipment (method, comparator, measurement standard with its scope), quality (four persons,
 * trained, examined and authorised), intake (fees, time limits, a customer), certificates
 * (institution, the signatory's PIN). Nothing is produced onto Kafka by hand: every event the
 * chain needs comes from the service that owns it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Gateway } from './api';
import { BenchPlatform } from './platform';

export const METHOD_CODE = 'JJG 146-2011';
export const PIN = '246810';

export interface Lab {
  tenant: string;
  standardId: string;
  equipmentId: string;
  customerId: string;
  contactId: string;
  tokens: { manager: string; clerk: string; calibrator: string; checker: string; signatory: string };
}

/** Days in the lab's calendar (the services' default zone), as ISO dates. */
export const labDay = (offset = 0): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offset * 86_400_000));

export async function setUpLab(platform: BenchPlatform, gw: Gateway, log: (line: string) => void): Promise<Lab> {
  // a new institution each run, so nothing of an earlier run or of anyone else is read.
  const tenant = `bench-${randomBytes(4).toString('hex')}`;
  const persons = { responsible: randomUUID(), calibrator: randomUUID(), checker: randomUUID(), signatory: randomUUID() };
  const manager = await platform.token(tenant, ['technical-manager', 'administrator', 'standard-responsible'], 'bench-manager');
  const enc = encodeURIComponent;

  // Equipment: the method, a calibrated comparator and a valid standard whose scope covers the job.
  const method = await gw.must('POST', '/equipment/methods', manager, {
    code: METHOD_CODE, title: 'Gauge blocks', version: '2011', type: 'national', documentKind: 'verification-regulation', effectiveFrom: '2012-05-01',
    environmentalLimits: [{ quantity: 'temperature', lower: '19.0', upper: '21.0', unit: '°C' }, { quantity: 'relative-humidity', lower: null, upper: '70', unit: '%RH' }],
    readings: [{ symbol: 'd', description: 'difference to the reference block', unit: 'mm', repetitions: 5 }],
    measurementModel: { output: 'L', expression: 'lS + d', inputs: ['lS', 'd'] },
    requiredEquipmentKinds: ['gauge block comparator'], reviewIntervalMonths: 12,
  });
  await gw.must('POST', `/equipment/methods/${method.methodId}/verification`, manager, { on: labDay(-30), reference: 'VER-BENCH' });
  const comparator = await gw.must('POST', '/equipment/equipment', manager, {
    assetNumber: 'CMP-BENCH', name: 'Gauge block comparator', kind: 'standard-equipment', equipmentType: 'comparator', location: 'Length lab',
    ownerSection: 'Length', calibrationRequired: true, calibrationIntervalMonths: 12,
  });
  await gw.must('POST', `/equipment/equipment/${comparator.id}/calibrations`, manager, {
    certificateNumber: 'NIM-BENCH', issuer: 'NIM', calibratedOn: labDay(-20), reference: { kind: 'external', name: 'NIM', traceableTo: 'national-primary-standard' },
  });
  const standard = await gw.must('POST', '/equipment/measurement-standards', manager, {
    code: '[2026]GB-BENCH', name: 'Gauge block standard', category: 'working', servesSociety: false, equipmentIds: [comparator.id],
  });
  for (const kind of ['assessment', 'authorisation']) {
    await gw.must('POST', `/equipment/measurement-standards/${standard.standardId}/certificates`, manager, {
      kind, number: `${kind}-BENCH`, issuer: 'SAMR', issuedOn: labDay(-100), validUntil: labDay(900),
    });
  }
  await gw.must('PUT', `/equipment/measurement-standards/${standard.standardId}/scope`, manager, {
    items: [{
      name: 'Gauge blocks', quantity: 'length', serviceKinds: ['calibration'], methodCodes: [METHOD_CODE],
      ranges: [{ lower: '0.5', upper: '100', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: '0.050', unit: 'µm', coverageFactor: '2' } }],
    }],
  });
  log(`equipment: method ${method.methodId}, standard ${standard.standardId}`);

  // Quality: employed, trained and examined persons, then their authorisations.
  // The person ids become the token subjects of the lab staff, as the records README says.
  await gw.must('PUT', `/quality/items/${enc(METHOD_CODE)}`, manager, { title: 'Gauge block calibration' });
  const roles = { responsible: 'standard-responsible', calibrator: 'calibrator', checker: 'checker', signatory: 'authorised-signatory' } as const;
  for (const [who, role] of Object.entries(roles) as [keyof typeof persons, string][]) {
    const engineer = who === 'responsible' || who === 'signatory';
    const person = await gw.must('POST', '/quality/persons', manager, {
      fullName: `Bench ${who}`, birthDate: '1985-04-02', nationalId: `11010519850402${randomBytes(2).toString('hex')}`.slice(0, 18), title: engineer ? 'engineer' : 'technician',
    });
    persons[who] = person.id;
    await gw.must('POST', `/quality/persons/${person.id}/employments`, manager, { employmentType: 'employee', onSite: true, startedOn: labDay(-100) });
    for (const kind of ['training', 'examination'] as const) {
      await gw.must('POST', `/quality/persons/${person.id}/competence`, manager, {
        kind, itemCode: METHOD_CODE, title: `${kind} ${METHOD_CODE}`, completedOn: labDay(-10), result: kind === 'training' ? 'attended' : 'passed',
      });
    }
    await gw.must('POST', `/quality/persons/${person.id}/authorisations`, manager, { itemCode: METHOD_CODE, role, validFrom: labDay(), validUntil: labDay(365) });
  }
  log('quality: four persons authorised');

  // Intake: fees, the time limit, one customer with a contact.
  await gw.must('PUT', '/intake/fee-schedule/L-001', manager, { description: 'Gauge block, grade 1', serviceKind: 'calibration', discipline: 'length', unitPrice: '120.00' });
  await gw.must('PUT', '/intake/time-limits', manager, { serviceKind: 'calibration', discipline: 'length', workingDays: 10 });
  const customer = await gw.must('POST', '/intake/customers', manager, { code: `C-${randomBytes(3).toString('hex')}`, name: 'Bench Precision Parts Co.' });
  const contact = await gw.must('POST', `/intake/customers/${customer.id}/contacts`, manager, { name: 'Bench Contact', phone: '+86 10 0000 0000' });

  const tokens = {
    manager,
    clerk: await platform.token(tenant, ['intake-clerk'], 'bench-clerk'),
    calibrator: await platform.token(tenant, ['calibrator'], persons.calibrator),
    checker: await platform.token(tenant, ['checker'], persons.checker),
    signatory: await platform.token(tenant, ['authorised-signatory'], persons.signatory),
  };

  // Certificates: the institution's number prefix, printed names, the signatory's PIN.
  await gw.must('PUT', '/certificates/institution', manager, { name: 'Bench Calibration Institute', numberPrefix: 'BENCH' });
  // Printed names of calibrator and checker, as the certificate's persons show them.
  for (const [who, token] of [['Calibrator', tokens.calibrator], ['Checker', tokens.checker]] as const) {
    await gw.must('PUT', '/certificates/staff/me', token, { printedName: `Bench ${who}` });
  }
  await gw.must('PUT', '/certificates/signatories/me', tokens.signatory, { printedName: 'Bench Signatory', pin: PIN });

  // Contract review reads intake's capability model, fed by equipment and quality events.
  await gw.until(
    `/intake/capability?methodCode=${enc(METHOD_CODE)}&itemCode=${enc(METHOD_CODE)}`,
    tokens.clerk,
    (s) => s?.standards?.length >= 1 && s?.equipment?.length >= 1 && s?.methods?.length >= 1 && s?.staffing?.some((x: { adequate: boolean }) => x.adequate),
    'intake capability read model',
    { timeoutMs: 120000, intervalMs: 500 },
  );
  log(`lab ${tenant} ready`);
  return { tenant, standardId: standard.standardId, equipmentId: comparator.id, customerId: customer.id, contactId: contact.id, tokens };
}
