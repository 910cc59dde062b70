import { requestFingerprint } from './idempotency';
import { rateRouteKey } from './rate-limit';
import { corsFor } from './edge-middleware';
import { loadGatewayConfig } from '../config/gateway-config';

describe('protection rules', () => {
  it('rate-limit buckets are per method, service and first segment, so ids make no new bucket', () => {
    expect(rateRouteKey('get', 'intake', '/work-orders/1?x=1')).toBe('GET:intake/work-orders');
    expect(rateRouteKey('GET', 'intake', '/work-orders/2')).toBe(rateRouteKey('GET', 'intake', '/work-orders/1'));
    expect(rateRouteKey('POST', 'intake', '/work-orders')).not.toBe(rateRouteKey('GET', 'intake', '/work-orders'));
  });

  it('an idempotent retry is the same method, path and body bytes', () => {
    const a = requestFingerprint('POST', '/api/x', Buffer.from('{"a":1}'));
    expect(requestFingerprint('POST', '/api/x', Buffer.from('{"a":1}'))).toBe(a);
    expect(requestFingerprint('POST', '/api/x', Buffer.from('{"a":2}'))).not.toBe(a);
    expect(requestFingerprint('POST', '/api/y', Buffer.from('{"a":1}'))).not.toBe(a);
  });

  it('CORS answers only listed origins', () => {
    const headers: Record<string, string> = {};
    let status = 0;
    const response = { setHeader: (k: string, v: string) => (headers[k] = v), status: (s: number) => ((status = s), { end: () => undefined }) };
    const next = jest.fn();
    const cors = corsFor(['https://ok.example']);
    cors({ method: 'GET', headers: { origin: 'https://ok.example' } } as never, response as never, next);
    expect(headers['access-control-allow-origin']).toBe('https://ok.example');
    expect(next).toHaveBeenCalledTimes(1);
    cors({ method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } } as never, response as never, next);
    expect(status).toBe(403);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('production is strict by default: no development issuer, no platform tokens at the edge', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'production', OIDC_JWKS_URL: 'https://idp.example/jwks' })).toMatchObject({ DEV_ISSUER: 'off', GATEWAY_PLATFORM_TOKENS: 'refuse' });
    expect(loadGatewayConfig({ NODE_ENV: 'test' })).toMatchObject({ DEV_ISSUER: 'on', GATEWAY_PLATFORM_TOKENS: 'accept' });
    expect(() => loadGatewayConfig({ RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });
});
