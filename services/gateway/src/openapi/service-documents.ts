import { Inject, Injectable } from '@nestjs/common';
import { UPSTREAMS, Upstreams } from '../routing/upstreams';
import { ServiceDocument } from './aggregate';

/**
 * How long the gateway reuses a service's /openapi.json. A service builds its document once
 * (its routes never change while it runs), so this only bounds how late a redeployed service's
 * new routes show; it also keeps the public /openapi.json and /console-api/service-roles from
 * turning every request into five upstream calls.
 */
export const DOCUMENT_FRESH_MS = 60_000;
const FETCH_TIMEOUT_MS = 5_000;

/**
 * Each service's own OpenAPI document, asked for when needed. A document that arrived is kept
 * for DOCUMENT_FRESH_MS; a service that did not answer (not started yet, down) is asked again on
 * the next request, so it shows as soon as it is up. One fetch per service at a time.
 */
@Injectable()
export class ServiceDocuments {
  private readonly kept = new Map<string, { document: ServiceDocument; until: number }>();
  private readonly asking = new Map<string, Promise<ServiceDocument | undefined>>();

  constructor(@Inject(UPSTREAMS) private readonly upstreams: Upstreams) {}

  /** Service → its document, or undefined when it did not answer with one. */
  async all(now = Date.now): Promise<Map<string, ServiceDocument | undefined>> {
    return new Map(await Promise.all([...this.upstreams].map(async ([service, base]) => [service, await this.one(service, base, now)] as const)));
  }

  private one(service: string, base: string, now: () => number): Promise<ServiceDocument | undefined> {
    const kept = this.kept.get(service);
    if (kept && kept.until > now()) return Promise.resolve(kept.document);
    let asking = this.asking.get(service);
    if (!asking) {
      asking = fetchDocument(base)
        .then((document) => {
          if (document) this.kept.set(service, { document, until: now() + DOCUMENT_FRESH_MS });
          else this.kept.delete(service);
          return document;
        })
        .finally(() => this.asking.delete(service));
      this.asking.set(service, asking);
    }
    return asking;
  }
}

async function fetchDocument(base: string): Promise<ServiceDocument | undefined> {
  try {
    const response = await fetch(`${base}/openapi.json`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    const document = response.ok ? ((await response.json()) as ServiceDocument) : undefined;
    return document?.paths ? document : undefined;
  } catch {
    return undefined;
  }
}
