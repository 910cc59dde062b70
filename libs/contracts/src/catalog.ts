import { z } from 'zod';
import { EventEnvelope, EventEnvelopeSchema } from './envelope';
import { EventContract } from './catalog-define';
import { intakeEvents } from './intake/events';
import { intakeLifecycleEvents } from './intake/lifecycle-events';
import { equipmentEvents } from './equipment/events';
import { qualityEvents } from './quality/events';
import { recordsEvents } from './records/events';
import { certificatesEvents } from './certificates/events';

// `type`: a bundler compiles file by file (the console's Vite build) and must see that it is no value.
export { type EventContract, defineEvent } from './catalog-define';

/** Every event the platform knows. A consumer parses against this, never against producer code. */
export const eventCatalog = [...intakeEvents, ...intakeLifecycleEvents, ...equipmentEvents, ...qualityEvents, ...recordsEvents, ...certificatesEvents] as const;

type Catalog = (typeof eventCatalog)[number];
export type EventType = Catalog['type'];
export type PayloadOf<T extends EventType> = z.infer<Extract<Catalog, { type: T }>['schema']>;

const byKey = new Map<string, EventContract>(eventCatalog.map((c) => [`${c.type}@${c.version}`, c]));

export function findContract(type: string, version: number): EventContract | undefined {
  return byKey.get(`${type}@${version}`);
}

export function latestContract(type: string): EventContract | undefined {
  return eventCatalog.filter((c) => c.type === type).sort((a, b) => b.version - a.version)[0];
}

export class ContractViolation extends Error {
  constructor(
    readonly reason: 'malformed-json' | 'invalid-envelope' | 'unknown-type-or-version' | 'invalid-payload',
    readonly issues: string[],
  ) {
    super(`${reason}: ${issues.join('; ')}`);
    this.name = 'ContractViolation';
  }
}

const describe = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);

/** Validates an envelope and its payload against the catalog; throws ContractViolation. */
export function parseEvent(raw: unknown): EventEnvelope {
  const envelope = EventEnvelopeSchema.safeParse(raw);
  if (!envelope.success) throw new ContractViolation('invalid-envelope', describe(envelope.error));
  const contract = findContract(envelope.data.type, envelope.data.version);
  if (!contract) {
    throw new ContractViolation('unknown-type-or-version', [`${envelope.data.type} v${envelope.data.version}`]);
  }
  const payload = contract.schema.safeParse(envelope.data.payload);
  if (!payload.success) throw new ContractViolation('invalid-payload', describe(payload.error));
  return { ...envelope.data, payload: payload.data };
}

export function parseEventBytes(bytes: Buffer | string | null): EventEnvelope {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes === null ? 'null' : bytes.toString());
  } catch (error) {
    throw new ContractViolation('malformed-json', [(error as Error).message]);
  }
  return parseEvent(raw);
}
