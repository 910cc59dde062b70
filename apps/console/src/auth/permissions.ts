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
