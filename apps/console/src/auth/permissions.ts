import type { ServiceRoleRule, ServiceRoles } from '@calchain/contracts';
/** One row of the gateway's permission matrix (served by the gateway at /console-api/permissions). */
export interface RouteRule {
  service: string;
  path: string;
  read: string[];
  write: string[];
}

/**
 * Same matching as the gateway's `findRule`: the longest rule whose segments prefix the path,
 * ':name' matching one segment. Unlisted routes are refused, so they are never offered.
 */
export function findRule(matrix: readonly RouteRule[], service: string, path: string): RouteRule | undefined {
  const segments = path.split('?')[0].split('/').filter(Boolean);
  let best: RouteRule | undefined;
  let bestLength = -1;
  for (const rule of matrix) {
    if (rule.service !== service) continue;
    const parts = rule.path.split('/').filter(Boolean);
    if (parts.length > segments.length) continue;
    if (!parts.every((p, i) => p.startsWith(':') || p === segments[i])) continue;
    if (parts.length > bestLength) {
      best = rule;
      bestLength = parts.length;
    }
  }
  return best;
}

/**
 * May these roles call `method` on `/api/<service>/<path>`? A regulator never writes.
 * Used to hide every button a role cannot use; the gateway and the service decide again.
 */
export function allowed(matrix: readonly RouteRule[], roles: readonly string[], method: string, apiPath: string): boolean {
  const match = /^\/api\/([^/]+)\/(.*)$/.exec(apiPath);
  if (!match) return false;
  const [, service, path] = match;
  if (path.startsWith('public/')) return true;
  const write = !['GET', 'HEAD'].includes(method.toUpperCase());
  if (write && roles.includes('regulator')) return false;
  const rule = findRule(matrix, service, path);
  if (!rule) return false;
  const who = write ? rule.write : rule.read;
  return roles.some((r) => who.includes(r));
}

/**
 * One route a service narrows below its matrix row with its own `@RequireRoles` (the matrix is
 * the edge's outer wall and never grants more than a service does, but often grants more than one
 * route needs: a checker may PATCH a certificate draft, only a signatory signs). Served by the
 * gateway at /console-api/service-roles, derived from the services' own OpenAPI documents
 * (`x-required-roles`), so the console keeps no copy.
 */
export type { ServiceRoleRule, ServiceRoles };

/**
 * Does the service itself let these roles call `method` on `/api/<service>/<path>`? Its narrowest
 * rule for that exact route decides (the one with the most literal segments, as a service
 * registers its literal routes before its ':id' ones); without a rule the matrix decides alone.
 * While the rules are not known (not fetched yet, or the gateway named the service unavailable)
 * the answer is no: the console never offers a button it cannot vouch for.
 */
export function serviceAllows(served: ServiceRoles | undefined, roles: readonly string[], method: string, apiPath: string): boolean {
  const match = /^\/api\/([^/]+)\/(.*)$/.exec(apiPath);
  if (!match) return true;
  const [, service, path] = match;
  if (path.startsWith('public/')) return true;
  if (!served || served.unavailable.includes(service)) return false;
  const segments = path.split('?')[0].split('/').filter(Boolean);
  let best: ServiceRoleRule | undefined;
  let bestLiterals = -1;
  for (const rule of served.rules) {
    if (rule.service !== service || rule.method !== method.toUpperCase()) continue;
    const parts = rule.path.split('/').filter(Boolean);
    if (parts.length !== segments.length || !parts.every((p, i) => p.startsWith(':') || p === segments[i])) continue;
    const literals = parts.filter((p) => !p.startsWith(':')).length;
    if (literals > bestLiterals) {
      best = rule;
      bestLiterals = literals;
    }
  }
  const rule = best;
  return !rule || roles.some((r) => rule.roles.includes(r));
}

/** What the console offers: the edge lets it through (the gateway's matrix) and the service would too. */
export function permitted(matrix: readonly RouteRule[], served: ServiceRoles | undefined, roles: readonly string[], method: string, apiPath: string): boolean {
  return allowed(matrix, roles, method, apiPath) && serviceAllows(served, roles, method, apiPath);
}
