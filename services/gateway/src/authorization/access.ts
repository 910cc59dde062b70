import { Role } from '@calchain/contracts';
import { RouteRule } from './permission-matrix';

export type AccessDecision =
  | { allowed: true; rule: RouteRule }
  | { allowed: false; reason: 'no-route' | 'role'; rule?: RouteRule; needed?: readonly Role[] };

const segments = (path: string) => path.split('?')[0]!.split('/').filter(Boolean);

/** The most specific rule whose path is a prefix of the request's path. */
export function findRule(matrix: readonly RouteRule[], service: string, path: string): RouteRule | undefined {
  const parts = segments(path);
  let best: RouteRule | undefined;
  for (const rule of matrix) {
    if (rule.service !== service) continue;
    const pattern = segments(rule.path);
    if (pattern.length > parts.length) continue;
    if (!pattern.every((p, i) => p.startsWith(':') || p === parts[i])) continue;
    if (!best || pattern.length > segments(best.path).length) best = rule;
  }
  return best;
}

export const isRead = (method: string) => ['GET', 'HEAD'].includes(method.toUpperCase());

/** Deny unless a rule lists one of the caller's roles for this kind of access. */
export function decideAccess(matrix: readonly RouteRule[], service: string, path: string, method: string, roles: readonly Role[]): AccessDecision {
  const rule = findRule(matrix, service, path);
  if (!rule) return { allowed: false, reason: 'no-route' };
  const needed = isRead(method) ? rule.read : rule.write;
  return needed.some((r) => roles.includes(r)) ? { allowed: true, rule } : { allowed: false, reason: 'role', rule, needed };
}
