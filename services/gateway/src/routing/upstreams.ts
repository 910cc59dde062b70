import { z } from 'zod';

export const UPSTREAMS = Symbol('UPSTREAMS');

/** Public path segment → base URL of the service that owns it. */
export type Upstreams = ReadonlyMap<string, string>;

const services = { intake: 3001, records: 3002, certificates: 3003, equipment: 3004, quality: 3005 } as const;

export function upstreamsFromEnv(env: NodeJS.ProcessEnv): Upstreams {
  return new Map(
    Object.entries(services).map(([name, port]) => {
      const variable = `${name.toUpperCase()}_URL`;
      const url = z.url().safeParse(env[variable] ?? `http://127.0.0.1:${port}`);
      if (!url.success) throw new Error(`${variable} is not a URL`);
      return [name, url.data.replace(/\/$/, '')];
    }),
  );
}
