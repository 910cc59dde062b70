import { randomUUID } from 'node:crypto';
import { PayloadOf } from '@calchain/contracts';
import { RecordsTestApp } from './records-test-app';

export const ITEM_CODE = 'GB-CAL';
export const METHOD = { code: 'JJG 146-2011', version: '2011' };

/**
 * A small lab as the other services announce it: one verified gauge-block method, a comparator
 * (usable), an overdue thermometer, a valid gauge-block standard with its scope, a calibrator and a
 * checker authorised for the item.
 */
export async function seedLab(app: RecordsTestApp, tenant: string, options: { bmc?: string; people?: { calibrator: string; checker: string } } = {}) {
  const methodId = randomUUID();
  const comparator = randomUUID();
  const overdue = randomUUID();
  const standardId = randomUUID();
  const invalidStandardId = randomUUID();
  const roomId = randomUUID();
  const people = options.people ?? { calibrator: randomUUID(), checker: randomUUID() };
  await app.publish('equipment.method.published', tenant, methodId, {
    methodId, code: METHOD.code, title: 'Gauge blocks', version: METHOD.version, type: 'national', documentKind: 'verification-regulation', status: 'verified', usable: true,
    effectiveFrom: '2012-06-01', withdrawnOn: null, supersededBy: null,
    environmentalLimits: [
      { quantity: 'temperature', lower: '19.0', upper: '21.0', unit: '°C' },
      { quantity: 'relative-humidity', lower: null, upper: '70', unit: '%' },
    ],
    readings: [{ symbol: 'd', description: 'difference to the reference block', unit: 'mm', repetitions: 10 }],
    measurementModel: { output: 'L', expression: 'lS + d', inputs: ['lS', 'd'] },
    requiredEquipmentKinds: ['standard-equipment'], nextReviewDue: null,
  });
  const equipment = (equipmentId: string, assetNumber: string, over: Partial<PayloadOf<'equipment.equipment.status-changed'>>) =>
    app.publish('equipment.equipment.status-changed', tenant, equipmentId, {
      equipmentId, assetNumber, name: assetNumber, kind: 'standard-equipment', status: 'in-service', previousStatus: null, reason: 'calibrated', usable: true,
      effectiveOn: '2026-01-10', lastCalibratedOn: '2026-01-10', dueDate: '2027-01-09', measurementStandardIds: [standardId], ...over,
    });
  await equipment(comparator, 'CMP-1', {});
  await equipment(overdue, 'TH-9', { status: 'overdue', previousStatus: 'due', reason: 'calibration-overdue', usable: false, effectiveOn: '2026-11-01', dueDate: '2026-10-31' });
  const scope = (id: string, code: string, valid: boolean) =>
    app.publish('equipment.measurement-standard.scope-changed', tenant, id, {
      standardId: id, code, name: 'Gauge block standard', category: 'enterprise-highest', servesSociety: true, valid, invalidReasons: valid ? [] : ['assessment certificate expired'],
      validUntil: valid ? '2028-04-30' : '2026-01-31',
      certificates: [{ kind: 'assessment', number: `${code}-A`, issuer: 'SAMR', issuedOn: '2024-05-01', validUntil: valid ? '2028-04-30' : '2026-01-31' }],
      equipmentIds: [comparator],
      items: [{
        itemId: randomUUID(), name: 'Gauge blocks', quantity: 'length', serviceKinds: ['calibration'], methodCodes: [METHOD.code],
        ranges: [{ lower: '0.5', upper: '100', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: options.bmc ?? '0.050', unit: 'µm', coverageFactor: '2' } }],
      }],
    });
  await scope(standardId, '[2024]GB-001', true);
  await scope(invalidStandardId, '[2019]GB-002', false);
  const grant = (personId: string, role: 'calibrator' | 'checker') =>
    app.publish('quality.authorisation.granted', tenant, personId, {
      authorisationId: randomUUID(), personId, itemCode: ITEM_CODE, role, validFrom: '2026-01-01', validUntil: '2030-12-31', qualifiedForResponsible: false,
    });
  await grant(people.calibrator, 'calibrator');
  await grant(people.checker, 'checker');
  return { methodId, comparator, overdue, standardId, invalidStandardId, roomId, ...people };
}

/** A work order with one item, created and dispatched by intake; returns the item's record. */
export async function dispatchedItem(
  app: RecordsTestApp,
  tenant: string,
  token: string,
  item: { serialNumber?: string; place?: 'lab' | 'on-site'; description?: string } = {},
) {
  const workOrderId = randomUUID();
  const itemId = randomUUID();
  const orderNumber = `WO-2026-${Math.floor(Math.random() * 1e6).toString().padStart(6, '0')}`;
  const place = item.place ?? 'lab';
  await app.publish('intake.work-order.created', tenant, workOrderId, {
    workOrderId, orderNumber, customerId: 'customer-42', placeOfWork: place, dueDate: '2026-12-20',
    items: [{ itemId, description: item.description ?? 'Gauge block 50 mm', serialNumber: item.serialNumber ?? 'GB-50', serviceKind: 'calibration', methodCode: METHOD.code }],
  });
  await app.publish('intake.work-order.dispatched', tenant, workOrderId, {
    workOrderId, orderNumber, contractId: randomUUID(), contractVersion: 1, section: 'length', dueDate: '2026-12-20',
    items: [{ itemId, serviceKind: 'calibration', methodCode: METHOD.code, methodVersion: METHOD.version, itemCode: ITEM_CODE, place, promisedDate: '2026-12-20' }],
    dispatchedBy: 'clerk-1', dispatchedAt: new Date().toISOString(),
  });
  const list = await app.call('GET', `/raw-records?workOrderId=${workOrderId}`, token);
  if (list.status !== 200 || list.body.length !== 1) throw new Error(`expected one record: ${list.status} ${JSON.stringify(list.body)}`);
  return { workOrderId, itemId, orderNumber, record: list.body[0] };
}

export const certificateInput = { lS: { estimate: '50.00002', u: { halfWidth: '0.00006', dist: 'normal', k: '2' }, source: 'certificate [2024]GB-001-A' } };

export const calculationSpec = { quantity: 'length', unit: 'mm', uncertaintyUnit: 'µm', outputKind: 'value', p: '0.9545', inputs: certificateInput };
