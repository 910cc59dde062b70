import { randomUUID } from 'node:crypto';
import { EventType, latestContract, PayloadOf } from '@calchain/contracts';
import { MessagePublisher } from '@calchain/platform';

/**
 * What end-to-end tests that drive the services through the gateway share: a JSON call with a
 * bearer token, publishing another service's event as its outbox relay would, and the equipment a
 * gauge-block calibration needs (verified method, calibrated comparator, valid standard with scope).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
export type GatewayAnswer = { status: number; body: any };
export type GatewayCall = (method: string, path: string, token: string, body?: unknown, traceparent?: string) => Promise<GatewayAnswer>;

export function gatewayCall(gatewayUrl: () => string): GatewayCall {
  return async (method, path, token, body, traceparent) => {
    const response = await fetch(`${gatewayUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(traceparent ? { traceparent } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      return { status: response.status, body: text };
    }
  };
}

/** Publishes an event of another service onto its topic with the envelope its outbox would write. */
export function eventProducer(publisher: () => MessagePublisher, tenant: string) {
  return async <T extends EventType>(type: T, aggregateId: string, payload: PayloadOf<T>, traceparent: string | null = null): Promise<void> => {
    const contract = latestContract(type)!;
    const envelope = { id: randomUUID(), type, version: contract.version, occurredAt: new Date().toISOString(), tenant, aggregateId, traceparent, payload };
    await publisher().ensureTopics([contract.topic]);
    await publisher().publish(contract.topic, [{ key: aggregateId, value: JSON.stringify(envelope), headers: traceparent ? { traceparent } : {} }]);
  };
}

export interface GaugeBlockEquipment {
  methodId: string;
  comparatorId: string;
  standardId: string;
  standardCode: string;
  comparatorAssetNumber: string;
}

/**
 * Through the equipment service: JJG 146-2011 verified for use, a comparator calibrated
 * by NIM, and a gauge-block standard with its assessment and authorisation certificates
 * and a scope with its best measurement capability. Every answer is checked.
 */
export async function gaugeBlockEquipment(
  call: GatewayCall,
  keeper: string,
  options: { suffix: string; day: (offset: number) => string; environmentalLimits?: unknown[] },
): Promise<GaugeBlockEquipment> {
  const { suffix, day } = options;
  const must = async (method: string, path: string, body: unknown, status: number) => {
    const answer = await call(method, path, keeper, body);
    if (answer.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const method = await must('POST', '/api/equipment/methods', {
    code: 'JJG 146-2011', title: 'Gauge blocks', version: '2011', type: 'national', documentKind: 'verification-regulation', effectiveFrom: '2012-05-01',
    environmentalLimits: options.environmentalLimits ?? [{ quantity: 'temperature', lower: '19.0', upper: '21.0', unit: '°C' }],
    readings: [{ symbol: 'd', description: 'difference to the reference block', unit: 'mm', repetitions: 5 }],
    measurementModel: { output: 'L', expression: 'lS + d', inputs: ['lS', 'd'] },
    requiredEquipmentKinds: ['gauge block comparator'], reviewIntervalMonths: 12,
  }, 201);
  const verified = await must('POST', `/api/equipment/methods/${method.methodId}/verification`, { on: day(-30), reference: `VER-${suffix}` }, 200);
  if (verified.usable !== true) throw new Error(`method not usable after verification: ${JSON.stringify(verified)}`);
  const comparatorAssetNumber = `CMP-${suffix}`;
  const comparator = await must('POST', '/api/equipment/equipment', {
    assetNumber: comparatorAssetNumber, name: 'Gauge block comparator', kind: 'standard-equipment', equipmentType: 'comparator', location: 'Length lab',
    ownerSection: 'Length', calibrationRequired: true, calibrationIntervalMonths: 12,
  }, 201);
  await must('POST', `/api/equipment/equipment/${comparator.id}/calibrations`, {
    certificateNumber: `NIM-${suffix}`, issuer: 'NIM', calibratedOn: day(-20), reference: { kind: 'external', name: 'NIM', traceableTo: 'national-primary-standard' },
  }, 201);
  const standardCode = `[2024]GB-${suffix}`;
  const standard = await must('POST', '/api/equipment/measurement-standards', {
    code: standardCode, name: 'Gauge block standard', category: 'working', servesSociety: false, equipmentIds: [comparator.id],
  }, 201);
  for (const kind of ['assessment', 'authorisation']) {
    await must('POST', `/api/equipment/measurement-standards/${standard.standardId}/certificates`, { kind, number: `${kind}-${suffix}`, issuer: 'SAMR', issuedOn: day(-100), validUntil: day(900) }, 201);
  }
  await must('PUT', `/api/equipment/measurement-standards/${standard.standardId}/scope`, {
    items: [{
      name: 'Gauge blocks', quantity: 'length', serviceKinds: ['calibration'], methodCodes: ['JJG 146-2011'],
      ranges: [{ lower: '0.5', upper: '100', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: '0.050', unit: 'µm', coverageFactor: '2' } }],
    }],
  }, 200);
  return { methodId: method.methodId, comparatorId: comparator.id, standardId: standard.standardId, standardCode, comparatorAssetNumber };
}
