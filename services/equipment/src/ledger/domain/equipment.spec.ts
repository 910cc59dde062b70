import { ledgerRuleBreaches, newEquipment, NewEquipment } from './equipment';

const input: NewEquipment = {
  assetNumber: 'EQ-001', name: 'Gauge block set', kind: 'standard-equipment', equipmentType: 'gauge block set', manufacturer: null,
  model: null, serialNumber: null, measuringRange: '0.5–100 mm', location: 'Room 101', ownerSection: 'Length', responsibleId: 'u-1',
  storageConditions: '20 ± 2 °C', commissionedOn: null, calibrationRequired: true, calibrationIntervalMonths: 12, dueWarningDays: 30, confirmation: null,
};

describe('equipment ledger rules', () => {
  it('R-5.3.2 standard equipment must be subject to calibration, with an interval', () => {
    expect(ledgerRuleBreaches(input)).toEqual([]);
    expect(ledgerRuleBreaches({ ...input, calibrationRequired: false }).map((b) => b.field)).toEqual(['calibrationRequired']);
    expect(ledgerRuleBreaches({ ...input, calibrationIntervalMonths: null }).map((b) => [b.field, b.requirement])).toEqual([
      ['calibrationIntervalMonths', 'R-5.3.2'],
    ]);
  });

  it('R-5.5.4 a confirmation MPE is a positive decimal', () => {
    expect(ledgerRuleBreaches({ ...input, confirmation: { mpe: '-1', unit: 'µm', rule: 'guarded' } })[0].requirement).toBe('R-5.5.4');
  });

  it('R-5.3.4 gives each piece an unguessable public id for its label', () => {
    const a = newEquipment(input, { tenantId: 't', createdBy: 'u' });
    const b = newEquipment(input, { tenantId: 't', createdBy: 'u' });
    expect(a.publicId).not.toBe(b.publicId);
    expect(a.publicId.length).toBeGreaterThanOrEqual(16);
  });
});
