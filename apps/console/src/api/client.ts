import { ApiError, toProblem } from './problem';

/** Where the session keeps its token: the tab's session storage, gone when the tab closes. */
export const TOKEN_KEY = 'calchain.token';
export const INSTITUTION_KEY = 'calchain.institution';

export interface CallOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Public routes go without the token. */
  anonymous?: boolean;
  accept?: string;
  /** Further request headers, e.g. the public complaint form's Idempotency-Key. */
  headers?: Record<string, string>;
}

function headers(options: CallOptions): Record<string, string> {
  const h: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) h['content-type'] = 'application/json';
  if (!options.anonymous) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) h.authorization = `Bearer ${token}`;
    const institution = sessionStorage.getItem(INSTITUTION_KEY);
    if (institution) h['x-calchain-institution'] = institution;
  }
  return { ...h, ...options.headers };
}

/** Calls the gateway; any status ≥ 400 becomes an ApiError with the server's problem details. */
export async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: headers(options),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({ title: 'network', status: 0, detail: (error as Error).message });
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text for the message
  }
  if (!response.ok) throw new ApiError({ ...toProblem(response.status, body, response.statusText), ...retryAfter(response) });
  return body as T;
}

/** A 429's (or busy 409's) Retry-After in seconds, so a page can say when to try again. */
function retryAfter(response: Response): { retryAfterSeconds?: number } {
  const value = response.headers?.get?.('retry-after')?.trim();
  return value && /^\d+$/.test(value) ? { retryAfterSeconds: Number(value) } : {};
}

export const get = <T>(path: string, options?: CallOptions) => call<T>('GET', path, options);
export const post = <T>(path: string, body?: unknown) => call<T>('POST', path, { body: body ?? {} });
export const put = <T>(path: string, body: unknown) => call<T>('PUT', path, { body });

/** A document (the certificate PDF) as a blob URL for preview, with the token. */
export async function blobUrl(path: string): Promise<string> {
  const response = await fetch(path, { headers: headers({ accept: '*/*' }) });
  if (!response.ok) throw new ApiError(toProblem(response.status, await response.text(), response.statusText));
  return URL.createObjectURL(await response.blob());
}

/** Lists come as arrays or as pages `{ items, total }` depending on the service. */
export function itemsOf<T>(answer: unknown): T[] {
  if (Array.isArray(answer)) return answer as T[];
  if (answer && typeof answer === 'object' && Array.isArray((answer as { items?: unknown }).items)) return (answer as { items: T[] }).items;
  return [];
}
