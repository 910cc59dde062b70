import { signAccessToken, verifyAccessToken } from './caller';

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
