import { Role, Roles } from '@calchain/contracts';

/** One row of the registry: a user's roles at an institution (optionally one site), or across a network. */
export interface Membership {
  network: string;
  institution: string | null;
  site: string | null;
  roles: Role[];
  /** A customer membership's intake customer id (issue 9: customers see only their own orders). */
  customerId?: string;
}

export interface ResolvedTenant {
  tenant: string;
  network: string;
  site?: string;
  roles: Role[];
  customerId?: string;
}

export type Resolution = { ok: true; value: ResolvedTenant } | { ok: false; status: 400 | 403; field: string; rule: string; message: string };

/**
 * Which institution a request acts for (R-4.1.1: every record belongs to one institution). The
 * caller may name one (x-calchain-institution) but only among those the registry gives it:
 * its memberships, the institutions of a network-level membership, or a regulator's jurisdiction.
 * A request can never bring its own tenant.
 */
export function resolveTenant(
  memberships: readonly Membership[],
  networkInstitutions: ReadonlyMap<string, readonly string[]>,
  jurisdiction: readonly { institution: string; network: string }[],
  requested: string | undefined,
): Resolution {
  const options = new Map<string, ResolvedTenant>();
  const add = (tenant: string, network: string, site: string | null, roles: readonly Role[], customerId?: string) => {
    const known = options.get(tenant);
    const merged = [...new Set([...(known?.roles ?? []), ...roles])].filter((r): r is Role => (Roles as readonly string[]).includes(r));
    const customer = known?.customerId ?? customerId;
    options.set(tenant, { tenant, network, ...(site && !known ? { site } : known?.site ? { site: known.site } : {}), roles: merged, ...(customer ? { customerId: customer } : {}) });
  };
  for (const m of memberships) {
    const roles = m.roles.filter((r) => r !== 'regulator');
    if (!roles.length) continue;
    if (m.institution) add(m.institution, m.network, m.site, roles, roles.includes('customer') ? m.customerId : undefined);
    else for (const institution of networkInstitutions.get(m.network) ?? []) add(institution, m.network, null, roles);
  }
  // A regulator acts only as a regulator, and only where it has jurisdiction (it replaces any
  // other role the same person holds there: the safer reading).
  for (const j of jurisdiction) options.set(j.institution, { tenant: j.institution, network: j.network, roles: ['regulator'] });
  if (requested !== undefined) {
    const chosen = options.get(requested);
    if (!chosen) return { ok: false, status: 403, field: 'x-calchain-institution', rule: 'membership', message: `no membership or jurisdiction at ${requested}` };
    return { ok: true, value: chosen };
  }
  if (options.size === 1) return { ok: true, value: [...options.values()][0]! };
  if (options.size === 0) return { ok: false, status: 403, field: 'sub', rule: 'membership', message: 'the user has no membership in any institution' };
  return { ok: false, status: 400, field: 'x-calchain-institution', rule: 'required', message: 'the user belongs to several institutions: name one' };
}
