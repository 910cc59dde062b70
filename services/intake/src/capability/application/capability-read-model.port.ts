import { EntityManager } from 'typeorm';
import { CapabilitySnapshot } from '../domain/capability';

/**
 * Port through which contract review reads what the institution can do. The adapter
 * (PgCapabilityReadModel) reads the local tables that the equipment and quality event handlers
 * keep current; review logic never sees where the data came from.
 */
export interface CapabilityReadModel {
  /** Everything relevant to items with these method codes and item codes, in the caller's tenant transaction. */
  snapshot(em: EntityManager, query: { methodCodes: string[]; itemCodes: string[] }): Promise<CapabilitySnapshot>;
}

export const CAPABILITY_READ_MODEL = Symbol('CAPABILITY_READ_MODEL');
