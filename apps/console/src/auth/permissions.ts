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
 * Routes a service narrows with its own `@RequireRoles` below the matrix row (the matrix is the
 * edge's outer wall and never grants more than a service does, but often grants more than one
 * route needs: a checker may PATCH a certificate draft, only a signatory signs). The console hides
 * these buttons too; keep in step with the controllers named here.
 */
export const SERVICE_ROLES: readonly { method: string; service: string; path: string; roles: readonly string[] }[] = [
  // services/certificates/src/certificates/api/certificates.controller.ts
  { method: 'POST', service: 'certificates', path: 'certificates/:id/sign', roles: ['authorised-signatory'] },
  { method: 'POST', service: 'certificates', path: 'certificates/:id/supplements', roles: ['authorised-signatory', 'technical-manager'] },
  { method: 'POST', service: 'certificates', path: 'certificates/:id/reissue', roles: ['authorised-signatory', 'technical-manager'] },
  // services/intake/src/item-handling/api/item-handling.controller.ts
  { method: 'POST', service: 'intake', path: 'items/:id/intake', roles: ['intake-clerk', 'administrator'] },
  { method: 'POST', service: 'intake', path: 'items/:id/return', roles: ['intake-clerk', 'administrator'] },
  { method: 'GET', service: 'intake', path: 'items/:id/handling', roles: ['intake-clerk', 'calibrator', 'checker', 'technical-manager', 'administrator'] },
  // services/records/src/raw-records/api (CAPTURERS, REVIEWERS)
  { method: 'POST', service: 'records', path: 'raw-records/:id/open', roles: ['calibrator'] },
  { method: 'POST', service: 'records', path: 'raw-records/:id/readings', roles: ['calibrator'] },
  { method: 'POST', service: 'records', path: 'raw-records/:id/submit', roles: ['calibrator'] },
  { method: 'POST', service: 'records', path: 'raw-records/:id/approve', roles: ['checker'] },
  { method: 'POST', service: 'records', path: 'raw-records/:id/return', roles: ['checker'] },
];

/** The service's own narrower roles for this exact route, when it has any (else the matrix decides alone). */
export function serviceAllows(roles: readonly string[], method: string, apiPath: string): boolean {
  const match = /^\/api\/([^/]+)\/(.*)$/.exec(apiPath);
  if (!match) return true;
  const [, service, path] = match;
  const segments = path.split('?')[0].split('/').filter(Boolean);
  const rule = SERVICE_ROLES.find((r) => {
    if (r.service !== service || r.method !== method.toUpperCase()) return false;
    const parts = r.path.split('/');
    return parts.length === segments.length && parts.every((p, i) => p.startsWith(':') || p === segments[i]);
  });
  return !rule || roles.some((r) => rule.roles.includes(r));
}

/** What the console offers: the edge lets it through (the gateway's matrix) and the service would too. */
export function permitted(matrix: readonly RouteRule[], roles: readonly string[], method: string, apiPath: string): boolean {
  return allowed(matrix, roles, method, apiPath) && serviceAllows(roles, method, apiPath);
}
