import { randomUUID } from 'node:crypto';
import { EventType, latestContract, PayloadOf } from '@calchain/contracts';
import { KafkaJsBus, MessagePublisher } from '@calchain/platform';
import { LocalPlatform, testBrokers, waitUntil } from '@calchain/platform/testing';
import { Answer, call, sleep, transient } from './gateway-client';

const ITEM_CODE = 'GB-CAL-FAULTS';
const METHOD = 'JJG 146-2011';
export const PIN = '482913';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The whole chain for one institution, driven through the gateway like the lab would: a work order
 * at intake, its item measured, submitted and approved in records, and the certificate draft that
 * approval creates signed in certificates. Intake's dispatch (which needs an accepted contract) and
 * quality's authorisations are produced onto their topics as those services would announce them.
 */
export class Chain {
  private publisher!: MessagePublisher;
  private tokens!: Record<'clerk' | 'calibrator' | 'checker' | 'signatory' | 'manager', string>;
  private standardId = '';
  private comparatorId = '';
  readonly gateway: string;
  /** Retries by cause, to show the driver really ran into the faults. */
  readonly retries = new Map<string, number>();

  constructor(private readonly platform: LocalPlatform, readonly tenant: string) {
    this.gateway = platform.service('gateway').url;
  }

  async prepare(): Promise<void> {
    this.publisher = new KafkaJsBus({ clientId: 'faults-driver', brokers: testBrokers(), topicPrefix: this.platform.topicPrefix, log: () => undefined }).publisher();
    await this.publisher.connect();
    const [calibratorId, checkerId, signatoryId] = [randomUUID(), randomUUID(), randomUUID()];
    const t = (roles: Parameters<LocalPlatform['token']>[1], subject: string) => this.platform.token(this.tenant, roles, subject);
    this.tokens = {
      clerk: await t(['intake-clerk'], 'clerk-faults'),
      calibrator: await t(['calibrator'], calibratorId),
      checker: await t(['checker'], checkerId),
      signatory: await t(['authorised-signatory'], signatoryId),
      manager: await t(['standard-responsible', 'technical-manager'], 'tm-faults'),
    };
    await this.prepareEquipment();
    for (const [personId, role, qualified] of [[calibratorId, 'calibrator', false], [checkerId, 'checker', false], [signatoryId, 'authorised-signatory', true]] as const) {
      await this.produce('quality.authorisation.granted', personId, {
        authorisationId: randomUUID(), personId, itemCode: ITEM_CODE, role, validFrom: day(-365), validUntil: day(365), qualifiedForResponsible: qualified,
      });
    }
    this.expectOk(await this.api('PUT', '/api/certificates/institution', 'manager', { name: 'Fault Test Institute', numberPrefix: 'FT' }), 'institution');
    this.expectOk(await this.api('PUT', '/api/certificates/signatories/me', 'signatory', { printedName: 'Signatory Faults', pin: PIN }), 'signatory');
    await waitUntil(
      async () => (await this.platform.database.queryAsTenant<{ valid: boolean }>(this.tenant, `select valid from records.rm_standard where standard_id = $1`, [this.standardId]))[0]?.valid,
      (valid) => valid === true,
      { timeoutMs: 120000, what: 'the standard valid in the records read model' },
    );
  }

  async close(): Promise<void> {
    await this.publisher?.disconnect().catch(() => undefined);
  }

  private async prepareEquipment(): Promise<void> {
    const method = this.expectOk(await this.api('POST', '/api/equipment/methods', 'manager', {
      code: METHOD, title: 'Gauge blocks', version: '2011', type: 'national', documentKind: 'verification-regulation', effectiveFrom: '2012-05-01',
      environmentalLimits: [{ quantity: 'temperature', lower: '19.0', upper: '21.0', unit: '°C' }],
      readings: [{ symbol: 'd', description: 'difference to the reference block', unit: 'mm', repetitions: 3 }],
      measurementModel: { output: 'L', expression: 'lS + d', inputs: ['lS', 'd'] },
      requiredEquipmentKinds: ['gauge block comparator'], reviewIntervalMonths: 12,
    }), 'method');
    this.expectOk(await this.api('POST', `/api/equipment/methods/${method.methodId}/verification`, 'manager', { on: day(-30), reference: 'VER-FAULTS' }), 'method verification');
    const comparator = this.expectOk(await this.api('POST', '/api/equipment/equipment', 'manager', {
      assetNumber: 'CMP-FAULTS', name: 'Gauge block comparator', kind: 'standard-equipment', equipmentType: 'comparator', location: 'Length lab',
      ownerSection: 'Length', calibrationRequired: true, calibrationIntervalMonths: 12,
    }), 'comparator');
    this.comparatorId = comparator.id;
    this.expectOk(await this.api('POST', `/api/equipment/equipment/${comparator.id}/calibrations`, 'manager', {
      certificateNumber: 'NIM-FAULTS', issuer: 'NIM', calibratedOn: day(-20), reference: { kind: 'external', name: 'NIM', traceableTo: 'national-primary-standard' },
    }), 'calibration');
    const standard = this.expectOk(await this.api('POST', '/api/equipment/measurement-standards', 'manager', {
      code: '[2024]GB-FAULTS', name: 'Gauge block standard', category: 'working', servesSociety: false, equipmentIds: [comparator.id],
    }), 'standard');
    this.standardId = standard.standardId;
    for (const kind of ['assessment', 'authorisation']) {
      this.expectOk(await this.api('POST', `/api/equipment/measurement-standards/${this.standardId}/certificates`, 'manager', {
        kind, number: `${kind}-FAULTS`, issuer: 'SAMR', issuedOn: day(-100), validUntil: day(900),
      }), `${kind} certificate`);
    }
    this.expectOk(await this.api('PUT', `/api/equipment/measurement-standards/${this.standardId}/scope`, 'manager', {
      items: [{
        name: 'Gauge blocks', quantity: 'length', serviceKinds: ['calibration'], methodCodes: [METHOD],
        ranges: [{ lower: '0.5', upper: '100', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: '0.050', unit: 'µm', coverageFactor: '2' } }],
      }],
    }), 'scope');
  }

  /**
   * Carries one work order from intake to an issued certificate. Every step first reads the state
   * and then does only what is still missing, so a retry after a crash, a timeout or a lost answer
   * never repeats an effect (the services' own guards are what the test judges, not the driver).
   * Returns the work order id.
   */
  async carry(index: number, deadline: number): Promise<string> {
    const workOrderId = await this.openWorkOrder(index, deadline);
    const dispatchEventId = randomUUID(); // the same id on every retry: the inbox absorbs repeats
    let dispatched = false;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`work order ${index} (${workOrderId}) not finished in time`);
      const list = await this.api('GET', `/api/records/raw-records?workOrderId=${workOrderId}`, 'calibrator');
      if (transient(list) || !Array.isArray(list.body) || list.body.length === 0) {
        this.note(transient(list) ? `records list ${list.status}` : 'record not yet created');
        await sleep(500);
        continue;
      }
      const summary = list.body[0];
      if (summary.status === 'pending') {
        if (!dispatched) dispatched = await this.dispatch(workOrderId, dispatchEventId, summary).then(() => true, () => false);
        else this.note('dispatch not yet applied');
        await sleep(500);
        continue;
      }
      const record = await this.api('GET', `/api/records/raw-records/${summary.id}`, 'calibrator');
      if (transient(record)) {
        this.note(`record read ${record.status}`);
        await sleep(500);
        continue;
      }
      if (record.body.status === 'approved') {
        if (await this.certify(summary.itemId)) return workOrderId;
        await sleep(500);
        continue;
      }
      const step = await this.nextRecordStep(record.body);
      if (transient(step)) {
        this.note(`record step ${step.status}`);
        await sleep(500);
      } else if (step.status >= 400) {
        // A refusal after a lost answer is expected (the step already happened); anything else repeats and fails the deadline.
        this.note(`record step refused ${step.status} ${step.body?.errors?.[0]?.rule ?? ''}`);
        await sleep(300);
      }
    }
  }

  private async openWorkOrder(index: number, deadline: number): Promise<string> {
    for (;;) {
      // A retry after a lost answer opens a second order the driver never dispatches: it ends with no record and no certificate.
      const opened = await this.api('POST', '/api/intake/work-orders', 'clerk', {
        customerId: `faults-customer-${index % 5}`, placeOfWork: 'lab',
        items: [{ description: `Gauge block 50 mm #${index}`, serialNumber: `GB-F-${index}`, serviceKind: 'calibration', methodCode: METHOD }],
      });
      if (opened.status === 201) return opened.body.id;
      if (!transient(opened)) throw new Error(`work order ${index}: ${opened.status} ${JSON.stringify(opened.body)}`);
      this.note(`open work order ${opened.status}`);
      if (Date.now() > deadline) throw new Error(`work order ${index} never opened`);
      await sleep(500);
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw record summary as the API lists it
  private dispatch(workOrderId: string, eventId: string, summary: any): Promise<void> {
    return this.produce('intake.work-order.dispatched', workOrderId, {
      workOrderId, orderNumber: summary.orderNumber ?? 'WO-FAULTS', contractId: randomUUID(), contractVersion: 1, section: 'length', dueDate: day(20),
      items: [{ itemId: summary.itemId, serviceKind: 'calibration', methodCode: METHOD, methodVersion: '2011', itemCode: ITEM_CODE, place: 'lab', promisedDate: day(20) }],
      dispatchedBy: 'clerk-faults', dispatchedAt: new Date().toISOString(),
    }, eventId);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the raw record as GET /raw-records/:id shows it
  private nextRecordStep(record: any): Promise<Answer> {
    const base = `/api/records/raw-records/${record.id}`;
    switch (record.status) {
      case 'dispatched':
        return this.api('POST', `${base}/open`, 'calibrator', { standardIds: [this.standardId], equipmentIds: [this.comparatorId], roomId: randomUUID(), roomCode: 'L-1' });
      case 'open':
        if (record.readings.length === 0) {
          return this.api('POST', `${base}/readings`, 'calibrator', {
            readings: ['0.00011', '0.00012', '0.00013'].map((value) => ({ symbol: 'd', point: '50 mm', nominal: '50', value })),
          });
        }
        if (record.conditions.length === 0) {
          return this.api('POST', `${base}/conditions`, 'calibrator', { conditions: [{ quantity: 'temperature', value: '20.3', unit: '°C' }] });
        }
        if (!record.calculation?.current) {
          return this.api('POST', `${base}/calculation`, 'calibrator', {
            quantity: 'length', unit: 'mm', uncertaintyUnit: 'µm', outputKind: 'value', p: '0.9545',
            inputs: { lS: { estimate: '50.00002', u: { halfWidth: '0.00006', dist: 'normal', k: '2' }, source: 'certificate of the reference block' } },
          });
        }
        return this.api('POST', `${base}/submit`, 'calibrator');
      case 'submitted':
        return this.api('POST', `${base}/approve`, 'checker');
      default:
        throw new Error(`record ${record.id} in unexpected status ${record.status}`);
    }
  }

  /** True once the item's certificate is issued; signs its draft when there is one. */
  private async certify(itemId: string): Promise<boolean> {
    const list = await this.api('GET', `/api/certificates/certificates?itemId=${itemId}`, 'signatory');
    if (transient(list)) {
      this.note(`certificate list ${list.status}`);
      return false;
    }
    const certificates: { id: string; status: string }[] = Array.isArray(list.body) ? list.body : (list.body.items ?? []);
    if (certificates.some((c) => c.status === 'issued')) return true;
    const draft = certificates.find((c) => c.status === 'draft');
    if (!draft) {
      this.note('draft not yet created');
      return false;
    }
    const signed = await this.api('POST', `/api/certificates/certificates/${draft.id}/sign`, 'signatory', { pin: PIN }, 60000);
    if (signed.status >= 300) this.note(`sign ${signed.status} ${signed.body?.errors?.[0]?.rule ?? ''}`);
    return signed.status === 200 || signed.status === 201;
  }

  private api(method: string, path: string, who: keyof Chain['tokens'], body?: unknown, timeoutMs?: number): Promise<Answer> {
    return call(this.gateway, method, path, this.tokens[who], body, timeoutMs);
  }

  private async produce<T extends EventType>(type: T, aggregateId: string, payload: PayloadOf<T>, id: string = randomUUID()): Promise<void> {
    const contract = latestContract(type)!;
    const envelope = { id, type, version: contract.version, occurredAt: new Date().toISOString(), tenant: this.tenant, aggregateId, traceparent: null, payload };
    await this.produceRaw(contract.topic, aggregateId, JSON.stringify(envelope));
  }

  /** Any bytes onto a (prefixed) topic; after a broker crash the producer is rebuilt and the caller retries. */
  async produceRaw(topic: string, key: string, value: string): Promise<void> {
    try {
      await this.publisher.ensureTopics([topic]);
      await this.publisher.publish(topic, [{ key, value, headers: {} }]);
    } catch (error) {
      await this.publisher.disconnect().catch(() => undefined);
      await this.publisher.connect().catch(() => undefined);
      throw error;
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- setup answers are arbitrary JSON
  private expectOk(answer: Answer, what: string): any {
    if (answer.status < 200 || answer.status >= 300) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  private note(cause: string): void {
    this.retries.set(cause, (this.retries.get(cause) ?? 0) + 1);
  }
}
