import type { ServiceRoleRule, ServiceRoles } from '@calchain/contracts';
import { Roles } from '@calchain/contracts';
import { REQUIRED_ROLES_EXTENSION } from '@calchain/platform';
import { ServiceDocument } from './aggregate';

export type { ServiceRoleRule, ServiceRoles };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** `/certificates/{id}/sign` → `certificates/:id/sign` */
export const consolePath = (openApiPath: string) => openApiPath.replace(/\{([^}]+)\}/g, ':$1').replace(/^\/+/, '');

const segments = (path: string) => path.split('/').filter(Boolean);

/** Does the route pattern (`:name` = one segment) take this path, as the console matches it? */
const takes = (pattern: string, path: string) => {
  const [p, s] = [segments(pattern), segments(path)];
  return p.length === s.length && p.every((part, i) => part.startsWith(':') || part === s[i]);
};

const requiredRoles = (operation: Record<string, unknown>): string[] | undefined => {
  const roles = operation[REQUIRED_ROLES_EXTENSION];
  return Array.isArray(roles) && roles.length > 0 && roles.every((r) => typeof r === 'string') ? [...roles] : undefined;
};

/**
 * The services' own role rules, from their OpenAPI documents (`x-required-roles`, written by the
 * platform from the same metadata its AuthGuard enforces), so the console never keeps a copy.
 *
 * A route without `x-required-roles` lets any signed-in caller through and is left out, except
 * when a narrowed pattern of the same method would also take its path (`GET things/:id` narrowed,
 * `GET things/summary` not): then it is listed with every role, and the console, which prefers
 * the most specific pattern, does not judge it by its neighbour.
 */
export function serviceRoles(documents: ReadonlyMap<string, ServiceDocument | undefined>): ServiceRoles {
  const rules: ServiceRoleRule[] = [];
  const unavailable: string[] = [];
  for (const [service, document] of documents) {
    if (!document?.paths) {
      unavailable.push(service);
      continue;
    }
    const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod ?? {})
        .filter(([method]) => METHODS.has(method))
        .map(([method, operation]) => ({ method: method.toUpperCase(), service, path: consolePath(path), roles: requiredRoles(operation ?? {}) })),
    );
    const narrowed = operations.filter((o) => o.roles);
    for (const operation of operations) {
      if (operation.roles) rules.push({ ...operation, roles: operation.roles });
      else if (narrowed.some((n) => n.method === operation.method && n.path !== operation.path && takes(n.path, operation.path))) {
        rules.push({ ...operation, roles: [...Roles] });
      }
    }
  }
  return { rules, unavailable };
}
