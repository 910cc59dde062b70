import { z } from 'zod';

/** One versioned event contract: its wire type, payload version, topic and payload schema. */
export interface EventContract<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  readonly version: number;
  readonly topic: string;
  readonly schema: S;
}

export function defineEvent<T extends string, S extends z.ZodType>(contract: EventContract<T, S>): EventContract<T, S> {
  return contract;
}
