import { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { SessionProvider } from '../auth/session';

type Answer = { status?: number; body: unknown; contentType?: string; headers?: Record<string, string> };

/** The gateway's answer when no service narrows any route below the matrix (GET /console-api/service-roles). */
export const noServiceNarrowing = { rules: [], unavailable: [] };

/**
 * Answers fetch() calls by path (the gateway is not running in a component test); every call is
 * recorded so a test can say what the page asked for. Unknown paths are a 404 problem, except the
 * services' role rules, which every signed-in page asks for: unless a test gives them, no service
 * narrows anything and the matrix decides alone. An answer function that throws is a network failure.
 */
export function answerFetch(given: Record<string, Answer | ((init?: RequestInit) => Answer)>) {
  const routes: Record<string, Answer | ((init?: RequestInit) => Answer)> = { '/console-api/service-roles': { body: noServiceNarrowing }, ...given };
  const calls: { method: string; path: string; body: unknown; headers: Record<string, string> }[] = [];
  global.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    calls.push({ method: init?.method ?? 'GET', path, body: init?.body ? JSON.parse(String(init.body)) : undefined, headers: (init?.headers ?? {}) as Record<string, string> });
    const key = Object.keys(routes).find((k) => path === k || (k.endsWith('*') && path.startsWith(k.slice(0, -1))));
    const found = key ? routes[key] : { status: 404, body: { title: 'Not Found', status: 404, detail: `no route ${path}` }, contentType: 'application/problem+json' };
    const answer = typeof found === 'function' ? found(init) : found;
    const status = answer.status ?? 200;
    // jsdom has no fetch Response: the few members the client reads.
    const header = (name: string) => (name.toLowerCase() === 'content-type' ? (answer.contentType ?? 'application/json') : (answer.headers?.[name.toLowerCase()] ?? null));
    return { ok: status < 400, status, statusText: '', headers: { get: header }, text: async () => JSON.stringify(answer.body) };
  }) as unknown as typeof fetch;
  return calls;
}

export function renderAt(path: string, pattern: string, element: ReactElement, options: { session?: boolean } = {}) {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const routes = (
    <Routes>
      <Route path={pattern} element={element} />
    </Routes>
  );
  return render(
    <QueryClientProvider client={queries}>
      <MemoryRouter initialEntries={[path]}>{options.session ? <SessionProvider>{routes}</SessionProvider> : routes}</MemoryRouter>
    </QueryClientProvider>,
  );
}
