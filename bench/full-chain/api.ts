/** A minimal client of the gateway for the benchmark: every call goes through `/api/<service>/…`. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the benchmark walks arbitrary JSON replies
export type Json = any;

export class Gateway {
  /** Requests sent, by method: how much HTTP one certificate costs, polls included. */
  readonly sent = new Map<string, number>();

  constructor(readonly base: string) {}

  async call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: Json }> {
    this.sent.set(method, (this.sent.get(method) ?? 0) + 1);
    const response = await fetch(`${this.base}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: Json = text;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: json };
  }

  /** A call that must answer with one of `expected`; anything else stops the run with the problem text. */
  async must(method: string, path: string, token: string, body: unknown, expected: number[] = [200, 201]): Promise<Json> {
    const reply = await this.call(method, path, token, body);
    if (!expected.includes(reply.status)) {
      throw new Error(`${method} ${path} → ${reply.status}: ${JSON.stringify(reply.body).slice(0, 600)}`);
    }
    return reply.body;
  }

  /** Polls a GET until `done` accepts its body (the chain is event-driven between services). */
  async until(path: string, token: string, done: (body: Json) => boolean, what: string, { timeoutMs = 120000, intervalMs = 100 } = {}): Promise<Json> {
    const deadline = Date.now() + timeoutMs;
    let last: Json;
    for (;;) {
      const reply = await this.call('GET', path, token);
      last = reply.body;
      if (reply.status === 200 && done(last)) return last;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last reply ${reply.status}: ${JSON.stringify(last).slice(0, 400)}`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
