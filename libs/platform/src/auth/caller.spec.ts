import { regulatorMayNot, signAccessToken, verifyAccessToken } from './caller';

const settings = { secret: 's'.repeat(32), issuer: 'calchain-local', audience: 'calchain' };

describe('access tokens', () => {
  it('carries subject, tenant and known roles through sign and verify', async () => {
    const token = await signAccessToken({ subject: 'u1', tenant: 'lab-a', roles: ['calibrator', 'checker'] }, settings);
    await expect(verifyAccessToken(token, settings)).resolves.toEqual({ subject: 'u1', tenant: 'lab-a', roles: ['calibrator', 'checker'] });
  });

  it.each([
    ['another secret', { ...settings, secret: 't'.repeat(32) }],
    ['another audience', { ...settings, audience: 'elsewhere' }],
    ['another issuer', { ...settings, issuer: 'evil' }],
  ])('refuses a token checked with %s', async (_label, other) => {
    const token = await signAccessToken({ subject: 'u1', tenant: 'lab-a', roles: [] }, settings);
    await expect(verifyAccessToken(token, other)).rejects.toThrow();
  });

  it('refuses an expired token', async () => {
    const token = await signAccessToken({ subject: 'u1', tenant: 'lab-a', roles: [] }, settings, -10);
    await expect(verifyAccessToken(token, settings)).rejects.toThrow(/exp/);
  });
});

describe('identity forwarded by the gateway', () => {
  it('carries site and network when the gateway resolved them, and omits them otherwise', async () => {
    const token = await signAccessToken({ subject: 'u1', tenant: 'lab-a', roles: ['calibrator'], site: 'a-main', network: 'net' }, settings, 60);
    await expect(verifyAccessToken(token, settings)).resolves.toEqual({ subject: 'u1', tenant: 'lab-a', roles: ['calibrator'], site: 'a-main', network: 'net' });
  });

  it('R-7.3.1 carries the customer id of a customer caller, and omits it for staff (older tokens stay valid)', async () => {
    const token = await signAccessToken({ subject: 'p1', tenant: 'lab-a', roles: ['customer'], customerId: 'c-42' }, settings, 60);
    await expect(verifyAccessToken(token, settings)).resolves.toEqual({ subject: 'p1', tenant: 'lab-a', roles: ['customer'], customerId: 'c-42' });
    const staff = await signAccessToken({ subject: 'u1', tenant: 'lab-a', roles: ['calibrator'] }, settings, 60);
    expect(await verifyAccessToken(staff, settings)).not.toHaveProperty('customerId');
  });

  it.each([
    ['GET', false],
    ['HEAD', false],
    ['POST', true],
    ['put', true],
    ['DELETE', true],
  ])('a regulator token may not %s: %s', (method, refused) => {
    expect(regulatorMayNot({ roles: ['regulator', 'administrator'] }, method)).toBe(refused);
    expect(regulatorMayNot({ roles: ['administrator'] }, method)).toBe(false);
  });
});
