/** A caller of the gateway that never throws: a dead or paused service is status 0, not a crash of the driver. */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the driver walks arbitrary JSON answers
  body: any;
}

export async function call(base: string, method: string, path: string, token: string, body?: unknown, timeoutMs = 30000): Promise<Answer> {
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      return { status: response.status, body: text };
    }
  } catch (error) {
    return { status: 0, body: String(error) };
  }
}

/** Worth retrying: the platform is (partly) down or busy, so the refusal says nothing about the request. */
export const transient = (a: Answer) => a.status === 0 || a.status >= 500 || a.status === 429 || a.status === 408;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
