import { decideAccess } from '../authorization/access';
import { permissionMatrix } from '../authorization/permission-matrix';
import { Roles } from '@calchain/contracts';
import { problemJsonSchema } from '@calchain/platform';

export interface ServiceDocument {
  paths?: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, unknown> };
}

/**
 * One OpenAPI document for the whole platform: each service's paths under /api/<service>, each
 * operation annotated with the roles the gateway's matrix lets through (x-calchain-roles).
 */
export function aggregateOpenApi(documents: Map<string, ServiceDocument | undefined>, gatewayPaths: Record<string, unknown>) {
  const paths: Record<string, unknown> = { ...gatewayPaths };
  // The gateway's own operations answer the platform's problem+json like every service.
  const schemas: Record<string, unknown> = { Problem: problemJsonSchema };
  const missing: string[] = [];
  for (const [service, document] of documents) {
    if (!document?.paths) {
      missing.push(service);
      continue;
    }
    for (const [path, operations] of Object.entries(document.paths)) {
      const annotated: Record<string, unknown> = {};
      for (const [method, operation] of Object.entries(operations)) {
        const concrete = path.replace(/\{[^}]+\}/g, 'x');
        const roles = path.startsWith('/public/')
          ? ['(public)']
          : Roles.filter((role) => decideAccess(permissionMatrix, service, concrete, method, [role]).allowed);
        annotated[method] = { ...prefixRefs(operation, service), tags: [service], 'x-calchain-roles': roles };
      }
      paths[`/api/${service}${path}`] = annotated;
    }
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) schemas[`${service}.${name}`] = prefixRefs(schema, service);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'CalChain API', version: '1', description: 'All services behind the gateway.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas },
    security: [{ bearer: [] }],
    paths,
    'x-calchain-services-without-document': missing,
  };
}

/** A service's components are kept under `<service>.<name>`: its references must follow them, or they dangle. */
function prefixRefs<T>(value: T, service: string): T {
  return JSON.parse(JSON.stringify(value), (key, v) =>
    key === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/') ? `#/components/schemas/${service}.${v.slice('#/components/schemas/'.length)}` : v,
  ) as T;
}
