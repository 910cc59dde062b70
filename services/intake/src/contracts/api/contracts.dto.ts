import { z } from 'zod';
import { intParam } from '@calchain/platform';
import { Code, DateText, DecimalText, NonNegativeDecimalText, OptionalText, PageQuery, StoredString, Text } from '../../shared/api/dto';
import { compareDecimal } from '../../shared/domain/money';

const Unit = StoredString(30).min(1);

/** one item: what (instrument, range, accuracy), how (service, method), where, by when, at what price. */
export const ContractItemBody = z.object({
  /** Only in a change: the id of the item in the previous version that this line keeps. */
  itemId: z.uuid().nullable().default(null),
  instrumentType: Text(200),
  manufacturer: OptionalText(200),
  model: OptionalText(200),
  serialNumber: OptionalText(100),
  accuracyClass: OptionalText(100),
  range: z
    .object({ lower: DecimalText, upper: DecimalText, unit: Unit })
    // zod runs this refinement even when a bound failed its own pattern: compare only two decimals (a non-decimal threw a 500).
    .refine((r) => !DecimalText.safeParse(r.lower).success || !DecimalText.safeParse(r.upper).success || compareDecimal(r.lower, r.upper) <= 0, {
      message: 'lower must not be above upper',
      path: ['upper'],
    }),
  requiredUncertainty: z.object({ value: NonNegativeDecimalText, unit: Unit }).nullable().default(null),
  serviceKind: z.enum(['calibration', 'verification']),
  methodCode: Code,
  methodVersion: Text(50),
  /** The institution's code of the verification/calibration item; defaults to the method code. */
  itemCode: Code.nullable().default(null),
  /** The lab section / discipline, e.g. "length"; work orders are per section. */
  discipline: Code,
  place: z.enum(['lab', 'on-site']),
  requestedCompletionDate: DateText.nullable().default(null),
  feeCode: Code,
  quantity: z.number().int().min(1).max(10000).default(1),
  conformityStatement: z.boolean().default(false),
  decisionRule: z
    .object({
      rule: z.enum(['simple', 'guarded', 'non-binary']),
      guardBand: z.object({ value: NonNegativeDecimalText, unit: Unit }).nullable().default(null),
    })
    .nullable()
    .default(null),
  /** a test report instead of a certificate, when the customer asks for one. */
  report: z.enum(['certificate', 'test-report']).default('certificate'),
  requirements: OptionalText(2000),
});

const VersionBody = {
  writtenRequirements: OptionalText(5000),
  /** oral requirements, written down with the day they were heard. */
  oralRequirements: z.array(z.object({ summary: Text(2000), receivedOn: DateText })).max(100).default([]),
  items: z.array(ContractItemBody).min(1, 'a contract has at least one item').max(500),
};

export const CreateContractBody = z.object({
  customerId: z.uuid(),
  contactId: z.uuid().nullable().default(null),
  ...VersionBody,
  items: VersionBody.items.refine((items) => items.every((i) => i.itemId === null), 'new contracts have new items: leave itemId out'),
});

/** a change: the whole new version, with the reason. Items keep their id to stay the same item. */
export const ChangeContractBody = z.object({ changeReason: Text(1000), ...VersionBody });

/** The customer's recorded decision. */
export const ConsentBody = z.object({
  decision: z.enum(['granted', 'refused']),
  form: z.enum(['written', 'oral-recorded', 'electronic']),
  givenOn: DateText,
  contactId: z.uuid().nullable().default(null),
  reference: OptionalText(300),
});

export const SubcontractingBody = z.object({ itemId: z.uuid(), subcontractor: Text(300), reason: Text(1000) });

export const DeviationBody = z.object({
  itemIds: z.array(z.uuid()).min(1).max(500),
  /** What the customer asked for. */
  requirement: Text(2000),
  /** What will be done instead. */
  deviation: Text(2000),
});

export const ContractQuery = PageQuery.extend({
  status: z.enum(['draft', 'accepted', 'change-pending', 'cancelled']).optional(),
  customerId: z.uuid().optional(),
  number: StoredString(40).min(1).optional(),
});

export const VersionParam = intParam(1); // the column is an integer: larger is 400, not a 500
