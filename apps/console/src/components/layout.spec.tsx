import { screen } from '@testing-library/react';
import { permissionMatrix } from '../../../../services/gateway/src/authorization/permission-matrix';
import { answerFetch, renderAt } from '../test-support/render';
import { Layout } from './layout';

const me = (roles: string[], names = { displayName: null as string | null, institutionName: null as string | null }) =>
  ({ user: 'u-1', ...names, institution: 'lab-east', network: 'net', site: null, roles, via: 'oidc' });
const navFor = async (roles: string[]) => {
  sessionStorage.setItem('calchain.token', 'token');
  answerFetch({ '/identity/me': { body: me(roles) }, '/console-api/permissions': { body: permissionMatrix } });
  renderAt('/', '/', <Layout />, { session: true });
  const nav = await screen.findByRole('navigation', { name: '功能区' });
  return [...nav.querySelectorAll('a')].map((a) => a.textContent);
};

/** Nothing that lets a role see a section it cannot use (issue 12), from the gateway's own matrix. */
describe('navigation follows the permission matrix', () => {
  it('an intake clerk gets the service window but not the bench', async () => {
    const links = await navFor(['intake-clerk']);
    expect(links).toContain('业务窗口');
    expect(links).not.toContain('检测工位');
    expect(links).not.toContain('监管');
  });

  it('a calibrator gets the bench but not the service window', async () => {
    const links = await navFor(['calibrator']);
    expect(links).toContain('检测工位');
    expect(links).not.toContain('业务窗口');
  });

  it('R-8.3.1 a regulator gets only read-only sections, never the window or the bench', async () => {
    const links = await navFor(['regulator']);
    expect(links).toContain('监管');
    expect(links).not.toContain('业务窗口');
    expect(links).not.toContain('检测工位');
  });
});

describe('the top bar names the person and the institution', () => {
  it('shows the registry display name and institution name, keeping the ids as titles', async () => {
    sessionStorage.setItem('calchain.token', 'token');
    answerFetch({ '/identity/me': { body: me(['checker'], { displayName: '李核验', institutionName: '华东计量院' }) }, '/console-api/permissions': { body: permissionMatrix } });
    renderAt('/', '/', <Layout />, { session: true });
    const who = await screen.findByTestId('who');
    expect(who.textContent).toBe('李核验');
    expect(who.getAttribute('title')).toBe('u-1');
    expect(screen.getByTitle('lab-east').textContent).toBe('华东计量院');
  });

  it('falls back to the ids when the registry knows no names (platform tokens)', async () => {
    sessionStorage.setItem('calchain.token', 'token');
    answerFetch({ '/identity/me': { body: me(['checker']) }, '/console-api/permissions': { body: permissionMatrix } });
    renderAt('/', '/', <Layout />, { session: true });
    expect((await screen.findByTestId('who')).textContent).toBe('u-1');
    expect(screen.getByTitle('lab-east').textContent).toBe('lab-east');
  });
});
