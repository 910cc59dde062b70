import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call, get, INSTITUTION_KEY, TOKEN_KEY } from '../api/client';
import { permitted, RouteRule, ServiceRoles } from './permissions';

/** How soon to ask again for the services' role rules while one service's are missing. */
const SERVICE_ROLES_RETRY_MS = 10_000;
const allServicesKnown = (served: ServiceRoles | undefined) => served !== undefined && served.unavailable.length === 0;

/** The identity the gateway forwards (GET /identity/me). */
export interface Me {
  user: string;
  /** The registry's display name; null for platform tokens, which name no registered person. */
  displayName: string | null;
  institution: string;
  institutionName: string | null;
  network: string | null;
  site: string | null;
  roles: string[];
  via: string;
}

export interface Session {
  token: string | null;
  me: Me | null;
  loading: boolean;
  /** Gets a development-issuer token for a seeded user (development only). */
  loginDev(subject: string): Promise<void>;
  logout(): void;
  /** May the signed-in roles do `method` on this gateway path? Hides what they cannot use. */
  can(method: string, apiPath: string): boolean;
  hasRole(...roles: string[]): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const me = useQuery({ queryKey: ['me', token], queryFn: () => get<Me>('/identity/me'), enabled: token !== null, retry: false, staleTime: 60_000 });
  const matrix = useQuery({ queryKey: ['permissions'], queryFn: () => get<RouteRule[]>('/console-api/permissions', { anonymous: true }), staleTime: Infinity });
  // The services' own narrower rules. Nothing of a service whose rules are missing is offered (it
  // started after the gateway, or is down), so ask again shortly until every service answered.
  const serviceRoles = useQuery({
    queryKey: ['service-roles'],
    queryFn: () => get<ServiceRoles>('/console-api/service-roles', { anonymous: true }),
    enabled: token !== null,
    staleTime: (query) => (allServicesKnown(query.state.data) ? Infinity : SERVICE_ROLES_RETRY_MS),
    refetchInterval: (query) => (allServicesKnown(query.state.data) ? false : SERVICE_ROLES_RETRY_MS),
  });

  const loginDev = useCallback(async (subject: string) => {
    const answer = await call<{ access_token: string }>('POST', '/dev-issuer/tokens', { body: { subject }, anonymous: true });
    sessionStorage.setItem(TOKEN_KEY, answer.access_token);
    sessionStorage.removeItem(INSTITUTION_KEY);
    queries.clear();
    setToken(answer.access_token);
  }, [queries]);

  const logout = useCallback(() => {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(INSTITUTION_KEY);
    queries.clear();
    setToken(null);
  }, [queries]);

  const value = useMemo<Session>(() => {
    const roles = me.data?.roles ?? [];
    return {
      token,
      me: me.data ?? null,
      loading: token !== null && (me.isLoading || matrix.isLoading || serviceRoles.isLoading),
      loginDev,
      logout,
      can: (method, apiPath) => permitted(matrix.data ?? [], serviceRoles.data, roles, method, apiPath),
      hasRole: (...wanted) => wanted.some((r) => roles.includes(r)),
    };
  }, [token, me.data, me.isLoading, matrix.data, matrix.isLoading, serviceRoles.data, serviceRoles.isLoading, loginDev, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
