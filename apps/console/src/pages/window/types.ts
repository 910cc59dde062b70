/** Shapes of the intake service's answers that the service window reads (services/intake README). */
export interface Customer {
  id: string;
  code: string;
  name: string;
  kind: string;
  address: string | null;
  contacts?: { id: string; name: string; role: string | null }[];
}

export interface ContractItem {
  itemId: string;
  instrumentType: string;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  range: { lower: string; upper: string; unit: string };
  requiredUncertainty: { value: string; unit: string } | null;
  serviceKind: string;
  methodCode: string;
  methodVersion: string;
  discipline: string;
  place: string;
  feeCode: string;
  quantity: number;
  lineTotal?: string;
}

export interface ReviewCheck {
  itemId: string;
  check: string;
  outcome: 'pass' | 'fail' | 'warn';
  requirement: string;
  finding: string;
  customerMustBeTold: boolean;
  evidence: Record<string, unknown>;
}

export interface Review {
  id: string;
  contractVersion: number;
  outcome: string;
  trigger: string;
  reviewedAt: string;
  customerMustBeTold?: boolean;
  checks?: ReviewCheck[];
}

export interface Deviation {
  id: string;
  itemIds: string[];
  requirement: string;
  deviation: string;
  status: string;
}

export interface Contract {
  id: string;
  number: string;
  status: string;
  customerId: string;
  customerName: string | null;
  currentVersion: number;
  version: { version: number; total?: string; items: ContractItem[] };
  latestReview: (Review & { current: boolean }) | null;
  deviations: Deviation[];
  blockedItemIds: string[];
}

export interface WorkOrder {
  id: string;
  orderNumber: string;
  status: string;
  section: string | null;
  dueDate: string | null;
  itemIds?: string[];
  items?: { id: string; status: string; promisedDate: string | null; description?: string }[];
}

export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
