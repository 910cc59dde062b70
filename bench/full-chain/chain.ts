/**
 * One work order through the whole chain, every step through the gateway:
 * contract (reviewed automatically, R-6.1.2) → acceptance → dispatch → the raw record
 * opened, read, conditioned, calculated, submitted → approved by the checker →
 * the draft certificate → signed with the signatory's PIN → issued.
 * Between services the chain is event-driven (Kafka), so the driver polls for the next state.
 */
import { randomBytes } from 'node:crypto';
import { Gateway, Json } from './api';
import { Lab, METHOD_CODE, PIN } from './lab';

export interface OrderTiming {
  startedAt: number;
  /** Approval answered 200: the start of the end-to-end latency. */
  approvedAt: number;
  /** The draft certificate became visible (certificates consumed records.record.approved). */
  draftAt: number;
  /** Signing answered 200: the certificate is issued, signed and its documents stored. */
  issuedAt: number;
  certificateId: string;
  number: string;
}

export interface ChainOptions {
  /** Poll interval of the event-driven hops (the resolution of the latency figures). */
  pollMs: number;
  /** Warm-up only: read models may still be catching up with the lab's set-up events. */
  retryRefusals: boolean;
}

async function retrying<T>(enabled: boolean, what: string, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 120000;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!enabled || Date.now() > deadline) throw new Error(`${what}: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

export async function runOrder(gw: Gateway, lab: Lab, options: ChainOptions): Promise<OrderTiming> {
  const { clerk, calibrator, checker, signatory } = lab.tokens;
  const startedAt = Date.now();
  const serial = `GB-${randomBytes(5).toString('hex')}`; // a new item each time: no step-change check against earlier results
  const created = await gw.must('POST', '/intake/contracts', clerk, {
    customerId: lab.customerId, contactId: lab.contactId,
    items: [{
      instrumentType: 'Gauge block', manufacturer: 'Mitutoyo', model: 'BM1-50', serialNumber: serial, accuracyClass: 'grade 1',
      range: { lower: '0.5', upper: '100', unit: 'mm' }, requiredUncertainty: { value: '0.10', unit: 'µm' },
      serviceKind: 'calibration', methodCode: METHOD_CODE, methodVersion: '2011', discipline: 'length', place: 'lab', feeCode: 'L-001',
    }],
  });
  const accepted = await retrying(options.retryRefusals, 'accept', () => gw.must('POST', `/intake/contracts/${created.contract.id}/accept`, clerk, undefined));
  const workOrderId: string = accepted.workOrders[0].id;
  await gw.must('POST', `/intake/work-orders/${workOrderId}/dispatch`, clerk, undefined);

  const [record] = await gw.until(
    `/records/raw-records?workOrderId=${workOrderId}`, calibrator,
    (rows: Json[]) => Array.isArray(rows) && rows.length === 1 && rows[0].status === 'dispatched',
    `record of ${workOrderId} dispatched`, { intervalMs: options.pollMs },
  );
  const id: string = record.id;
  await retrying(options.retryRefusals, 'open', () =>
    gw.must('POST', `/records/raw-records/${id}/open`, calibrator, { standardIds: [lab.standardId], equipmentIds: [lab.equipmentId], roomId: lab.standardId, roomCode: 'L-1' }),
  );
  await gw.must('POST', `/records/raw-records/${id}/readings`, calibrator, {
    readings: ['0.00011', '0.00012', '0.00011', '0.00013', '0.00012'].map((value) => ({ symbol: 'd', point: '50 mm', nominal: '50', value })),
  });
  await gw.must('POST', `/records/raw-records/${id}/conditions`, calibrator, {
    conditions: [{ quantity: 'temperature', value: '20.3', unit: '°C' }, { quantity: 'relative-humidity', value: '46', unit: '%RH' }],
  });
  await gw.must('POST', `/records/raw-records/${id}/calculation`, calibrator, {
    quantity: 'length', unit: 'mm', uncertaintyUnit: 'µm', outputKind: 'value', p: '0.9545',
    inputs: { lS: { estimate: '50.00002', u: { halfWidth: '0.00006', dist: 'normal', k: '2' }, source: 'certificate of the reference block' } },
  });
  await gw.must('POST', `/records/raw-records/${id}/submit`, calibrator, undefined);
  await gw.must('POST', `/records/raw-records/${id}/approve`, checker, undefined);
  const approvedAt = Date.now();

  const [draft] = await gw.until(
    `/certificates/certificates?itemId=${record.itemId}&status=draft`, signatory,
    (rows: Json[]) => Array.isArray(rows) && rows.length === 1,
    `draft certificate of record ${id}`, { intervalMs: options.pollMs },
  );
  const draftAt = Date.now();
  const issued = await retrying(options.retryRefusals, 'sign', () => gw.must('POST', `/certificates/certificates/${draft.id}/sign`, signatory, { pin: PIN }));
  const issuedAt = Date.now();
  return { startedAt, approvedAt, draftAt, issuedAt, certificateId: draft.id, number: issued.number };
}

/** `count` orders through the chain with `concurrency` of them in flight at any time (closed loop). */
export async function runOrders(
  gw: Gateway, lab: Lab, count: number, concurrency: number, deadlineMs: number, options: ChainOptions, onDone: (t: OrderTiming, done: number) => void,
): Promise<{ timings: OrderTiming[]; failures: string[] }> {
  const timings: OrderTiming[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count && Date.now() < deadlineMs) {
      next++;
      try {
        const timing = await runOrder(gw, lab, options);
        timings.push(timing);
        onDone(timing, timings.length);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { timings, failures };
}
