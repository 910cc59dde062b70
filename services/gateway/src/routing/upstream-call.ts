import { ProblemException, problemTypeBase } from '@calchain/platform';

export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers passed on to the service; everything else (cookies, hop-by-hop) stays at the edge. */
const forwardedRequestHeaders = ['content-type', 'accept', 'x-request-id', 'traceparent', 'tracestate', 'idempotency-key'];
// cache-control: a service marks what must not be kept (draft previews, labels: no-store); x-certificate-preview marks a draft's PDF.
const forwardedResponseHeaders = [
  'content-type', 'location', 'x-request-id', 'etag', 'content-disposition', 'last-modified', 'x-content-sha256', 'retry-after', 'cache-control', 'x-certificate-preview',
];
/** Methods the services speak; TRACE, CONNECT and inventions stop at the edge. */
const forwardedMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export async function callUpstream(
  service: string,
  target: string,
  method: string,
  incoming: Record<string, string | string[] | undefined>,
  authorization: string | undefined,
  body: Buffer | undefined,
): Promise<UpstreamAnswer> {
  const headers = new Headers();
  for (const name of forwardedRequestHeaders) {
    const value = incoming[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  if (authorization) headers.set('authorization', authorization);
  if (!forwardedMethods.has(method.toUpperCase())) {
    throw new ProblemException({
      type: `${problemTypeBase}method-not-allowed`,
      title: 'Method not allowed',
      status: 405,
      detail: `The gateway does not forward ${method} requests.`,
    });
  }
  let upstream: Response;
  try {
    upstream = await fetch(target, { method, headers, body: body ? new Uint8Array(body) : undefined, signal: AbortSignal.timeout(30000) });
  } catch (error) {
    throw new ProblemException({
      type: `${problemTypeBase}upstream-unavailable`,
      title: 'Service unavailable',
      status: 502,
      detail: `The ${service} service did not answer (${(error as Error).name}).`,
    });
  }
  const answer: UpstreamAnswer = { status: upstream.status, headers: {}, body: Buffer.from(await upstream.arrayBuffer()) };
  for (const name of forwardedResponseHeaders) {
    const value = upstream.headers.get(name);
    if (value) answer.headers[name] = value;
  }
  return answer;
}
