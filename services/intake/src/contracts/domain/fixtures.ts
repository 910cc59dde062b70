import { CapabilitySnapshot } from '../../capability/domain/capability';
import { ContractItem, ContractVersion } from './contract';

/** Test fixtures of the contract domain (used by specs only). */
export const ids = {
  item: '11111111-1111-4111-8111-111111111111',
  standard: '22222222-2222-4222-8222-222222222222',
  authorisedItem: '33333333-3333-4333-8333-333333333333',
  equipmentA: '44444444-4444-4444-8444-444444444444',
  equipmentB: '55555555-5555-4555-8555-555555555555',
  method: '66666666-6666-4666-8666-666666666666',
  contract: '77777777-7777-4777-8777-777777777777',
  personA: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  personB: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
};

export function anItem(overrides: Partial<ContractItem> = {}): ContractItem {
  return {
    itemId: ids.item,
    position: 1,
    instrumentType: 'Gauge block',
    manufacturer: 'Mitutoyo',
    model: 'BM1',
    serialNumber: 'GB-50',
    accuracyClass: 'grade 1',
    range: { lower: '0.5', upper: '100', unit: 'mm' },
    requiredUncertainty: { value: '0.10', unit: 'µm' },
    serviceKind: 'calibration',
    methodCode: 'JJG 146',
    methodVersion: '2011',
    itemCode: 'JJG 146',
    discipline: 'length',
    place: 'lab',
    requestedCompletionDate: null,
    feeCode: 'L-001',
    quantity: 1,
    unitPrice: '120.00',
    price: '120.00',
    conformityStatement: false,
    decisionRule: null,
    report: 'certificate',
    requirements: null,
    ...overrides,
  };
}

export function aVersion(items: ContractItem[] = [anItem()]): ContractVersion {
  return {
    id: '88888888-8888-4888-8888-888888888888',
    contractId: ids.contract,
    version: 1,
    writtenRequirements: null,
    oralRequirements: [],
    changeReason: null,
    createdAt: new Date('2026-03-02T02:00:00Z'),
    createdBy: 'clerk',
    items,
    total: '120.00',
  };
}

/** A lab that can do the item of anItem() on 2026-03-02 in every respect. */
export function capableLab(): CapabilitySnapshot {
  return {
    standards: [
      {
        standardId: ids.standard,
        code: 'STD-L-01',
        name: 'Gauge block standard',
        valid: true,
        invalidReasons: [],
        validUntil: '2027-06-30',
        equipmentIds: [ids.equipmentA, ids.equipmentB],
        items: [
          {
            itemId: ids.authorisedItem,
            name: 'gauge blocks (grade 1 and below)',
            quantity: 'length',
            serviceKinds: ['calibration', 'verification'],
            methodCodes: ['JJG 146'],
            ranges: [{ lower: '0.5', upper: '100', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: '0.05', unit: 'µm', coverageFactor: '2' } }],
          },
        ],
      },
    ],
    equipment: [
      { equipmentId: ids.equipmentA, assetNumber: 'EQ-1', name: 'Comparator', status: 'in-service', usable: true, dueDate: '2026-12-31' },
      { equipmentId: ids.equipmentB, assetNumber: 'EQ-2', name: 'Reference set', status: 'in-service', usable: true, dueDate: null },
    ],
    methods: [
      {
        methodId: ids.method, code: 'JJG 146', version: '2011', title: 'Gauge blocks', status: 'verified', usable: true,
        effectiveFrom: '2012-01-01', withdrawnOn: null, supersededBy: null, environmentalLimits: [],
      },
    ],
    authorisations: [
      { authorisationId: 'a1', personId: ids.personA, itemCode: 'JJG 146', role: 'standard-responsible', validFrom: '2025-01-01', validUntil: '2028-12-31', qualifiedForResponsible: true, endedOn: null },
      { authorisationId: 'a2', personId: ids.personB, itemCode: 'JJG 146', role: 'calibrator', validFrom: '2025-01-01', validUntil: '2028-12-31', qualifiedForResponsible: false, endedOn: null },
    ],
    staffing: [{ itemCode: 'JJG 146', authorisedPersons: 2, hasQualifiedResponsible: true, adequate: true, evaluatedOn: '2026-03-01' }],
  };
}
