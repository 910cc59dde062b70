import { randomUUID } from 'node:crypto';
import { ContractViolation, parseEvent } from '../catalog';
import { intakeLifecycleEvents, intakeTopics } from './lifecycle-events';

const envelope = (type: string, payload: unknown) => ({
  id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), tenant: 'lab-a', aggregateId: 'x', traceparent: null, payload,
});

describe('intake lifecycle event contracts', () => {
  const dispatched = {
    workOrderId: randomUUID(), orderNumber: 'WO-2026-000001', contractId: randomUUID(), contractVersion: 1, section: 'length', dueDate: '2026-12-10',
    items: [{ itemId: randomUUID(), serviceKind: 'calibration', methodCode: 'JJG 146', methodVersion: '2011', itemCode: 'JJG 146', place: 'lab', promisedDate: '2026-12-10' }],
    dispatchedBy: 'clerk-1', dispatchedAt: new Date().toISOString(),
  };

  it('accepts a valid intake.work-order.dispatched v1', () => {
    expect(parseEvent(envelope('intake.work-order.dispatched', dispatched)).type).toBe('intake.work-order.dispatched');
  });

  it('drops fields the contract does not know, so personal data cannot ride along', () => {
    const parsed = parseEvent(envelope('intake.item.received', {
      itemId: randomUUID(), contractId: randomUUID(), intakeId: randomUUID(), label: 'IL-2026-000001', channel: 'mailed', conditionAcceptable: true,
      receivedAt: new Date().toISOString(), contactName: 'Li Lei', phone: '+86 10 1234 5678',
    }));
    expect(JSON.stringify(parsed.payload)).not.toMatch(/Li Lei|1234/);
  });

  it('refuses an item status outside the flow and a review without items', () => {
    expect(() => parseEvent(envelope('intake.item.status-changed', { itemId: randomUUID(), contractId: null, workOrderId: randomUUID(), status: 'lost', previousStatus: null, changedAt: new Date().toISOString() }))).toThrow(ContractViolation);
    expect(() => parseEvent(envelope('intake.contract.reviewed', {
      contractId: randomUUID(), contractNumber: 'CT-1', version: 1, reviewId: randomUUID(), outcome: 'passed', trigger: 'created', customerMustBeTold: false, items: [], reviewedAt: new Date().toISOString(),
    }))).toThrow(/items/);
  });

  it('R-6.1.2 R-6.4.2.3 intake.contract.accepted v1 carries an optional per-item decision rule (decimal guard band); producers without it stay valid', () => {
    const item = { itemId: randomUUID(), disposition: 'in-house', workOrderId: randomUUID(), section: 'length', promisedDate: '2026-12-10' };
    const accepted = (items: unknown[]) => ({
      contractId: randomUUID(), contractNumber: 'HT-2026-000001', version: 1, reviewId: randomUUID(), customerId: 'c-1', items, acceptedAt: new Date().toISOString(),
    });
    expect(parseEvent(envelope('intake.contract.accepted', accepted([item]))).payload).toMatchObject({ items: [item] });
    const withRules = accepted([
      { ...item, decisionRule: { rule: 'guarded', guardBand: '0.020', guardBandUnit: 'µm' } },
      { ...item, itemId: randomUUID(), decisionRule: null },
    ]);
    expect((parseEvent(envelope('intake.contract.accepted', withRules)).payload as { items: { decisionRule: unknown }[] }).items.map((i) => i.decisionRule)).toEqual([
      { rule: 'guarded', guardBand: '0.020', guardBandUnit: 'µm' }, null,
    ]);
    expect(() => parseEvent(envelope('intake.contract.accepted', accepted([{ ...item, decisionRule: { rule: 'guarded', guardBand: 0.02 } }])))).toThrow(ContractViolation);
    expect(() => parseEvent(envelope('intake.contract.accepted', accepted([{ ...item, decisionRule: { rule: 'lenient' } }])))).toThrow(ContractViolation);
  });

  it('R-6.4.2.1 intake.contract.accepted v1 carries the customer organisation (name, address) and a requested test report; older payloads stay valid', () => {
    const item = { itemId: randomUUID(), disposition: 'in-house', workOrderId: randomUUID(), section: 'length', promisedDate: '2026-12-10' };
    const base = { contractId: randomUUID(), contractNumber: 'HT-2026-000002', version: 1, reviewId: randomUUID(), customerId: 'c-1', acceptedAt: new Date().toISOString() };
    const parsed = parseEvent(envelope('intake.contract.accepted', { ...base, customer: { name: '上海精密机械有限公司', address: '上海市浦东新区 1 号' }, items: [{ ...item, report: 'test-report' }] }));
    expect(parsed.payload).toMatchObject({ customer: { name: '上海精密机械有限公司', address: '上海市浦东新区 1 号' }, items: [{ report: 'test-report' }] });
    expect(parseEvent(envelope('intake.contract.accepted', { ...base, customer: null, items: [item] })).payload).toMatchObject({ customer: null });
    expect((parseEvent(envelope('intake.contract.accepted', { ...base, items: [item] })).payload as { customer?: unknown }).customer).toBeUndefined();
    expect(() => parseEvent(envelope('intake.contract.accepted', { ...base, items: [{ ...item, report: 'essay' }] }))).toThrow(ContractViolation);
    expect(() => parseEvent(envelope('intake.contract.accepted', { ...base, customer: { name: '' , address: null }, items: [item] }))).toThrow(ContractViolation);
  });

  it('puts every event on an intake topic', () => {
    expect(intakeLifecycleEvents.every((e) => intakeTopics.includes(e.topic as never))).toBe(true);
  });
});
