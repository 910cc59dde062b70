import '@testing-library/jest-dom';
import { act, screen } from '@testing-library/react';
import { Roles } from '../../../../libs/contracts/src/roles';
import { decideAccess } from '../../../../services/gateway/src/authorization/access';
import { permissionMatrix } from '../../../../services/gateway/src/authorization/permission-matrix';
import { answerFetch, renderAt } from '../test-support/render';
import { allowed, permitted, RouteRule, ServiceRoles, serviceAllows } from './permissions';
import { useSession } from './session';

/**
 * The console hides every button a role cannot use by asking the gateway's own matrix (served at
 * /console-api/permissions). These tests hold the console's matching to the gateway's decision
 * for every route, role and method, so a hidden button is exactly a refused call.
 */
describe('console permissions mirror the gateway matrix (R-8.3.1, issue 12)', () => {
  const matrix = permissionMatrix.map(({ service, path, read, write }) => ({ service, path, read: [...read], write: [...write] })) as RouteRule[];

  it('agrees with the gateway on every route, role and method', () => {
    let compared = 0;
    for (const rule of permissionMatrix) {
      const path = rule.path.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
      for (const role of Roles) {
        for (const method of ['GET', 'POST']) {
          const gateway = decideAccess(permissionMatrix, rule.service, path, method, [role]).allowed;
          expect({ route: `${method} ${rule.service}/${path}`, role, allowed: allowed(matrix, [role], method, `/api/${rule.service}/${path}`) }).toEqual({ route: `${method} ${rule.service}/${path}`, role, allowed: gateway });
          compared++;
        }
      }
    }
    expect(compared).toBe(permissionMatrix.length * Roles.length * 2);
  });

  it('R-8.3.1 a regulator never writes, even where it may read', () => {
    expect(allowed(matrix, ['regulator'], 'GET', '/api/certificates/certificates')).toBe(true);
    expect(allowed(matrix, ['regulator'], 'POST', '/api/certificates/certificates/x/sign')).toBe(false);
    expect(allowed(matrix, ['regulator'], 'POST', '/api/intake/contracts')).toBe(false);
  });

  it('refuses routes the matrix does not list and lets public service routes pass', () => {
    expect(allowed(matrix, ['administrator'], 'GET', '/api/intake/not-a-route')).toBe(false);
    expect(allowed(matrix, [], 'GET', '/api/certificates/public/certificates/lab/HD-1')).toBe(true);
    expect(allowed(matrix, ['intake-clerk'], 'GET', '/not-api')).toBe(false);
  });
});

/**
 * What the gateway serves at /console-api/service-roles, as it derives it from the services' own
 * `x-required-roles` (services/gateway/test/gateway.int-spec.ts checks the real services' answer).
 */
const served: ServiceRoles = {
  rules: [
    { method: 'POST', service: 'certificates', path: 'certificates/:id/sign', roles: ['authorised-signatory'] },
    { method: 'POST', service: 'certificates', path: 'certificates/:id/supplements', roles: ['authorised-signatory', 'technical-manager'] },
    { method: 'POST', service: 'certificates', path: 'certificates/:id/reissue', roles: ['authorised-signatory', 'technical-manager'] },
    { method: 'POST', service: 'intake', path: 'items/:id/intake', roles: ['intake-clerk', 'administrator'] },
    { method: 'POST', service: 'intake', path: 'items/:id/return', roles: ['intake-clerk', 'administrator'] },
    { method: 'POST', service: 'records', path: 'raw-records/:id/approve', roles: ['checker'] },
  ],
  unavailable: [],
};

describe('console hides what a service refuses below the matrix (its own @RequireRoles, served by the gateway)', () => {
  const matrix = permissionMatrix.map(({ service, path, read, write }) => ({ service, path, read: [...read], write: [...write] })) as RouteRule[];
  const id = '00000000-0000-4000-8000-000000000000';

  it('R-6.4.5 only a signatory signs; supplements and reissues are for signatories and the technical manager (R-6.4.4)', () => {
    expect(permitted(matrix, served, ['authorised-signatory'], 'POST', `/api/certificates/certificates/${id}/sign`)).toBe(true);
    expect(allowed(matrix, ['checker'], 'POST', `/api/certificates/certificates/${id}/sign`)).toBe(false); // the edge refuses it …
    expect(permitted(matrix, served, ['checker'], 'POST', `/api/certificates/certificates/${id}/sign`)).toBe(false); // … and so does the service
    expect(permitted(matrix, served, ['technical-manager'], 'POST', `/api/certificates/certificates/${id}/sign`)).toBe(false);
    for (const route of ['supplements', 'reissue']) {
      expect(permitted(matrix, served, ['authorised-signatory'], 'POST', `/api/certificates/certificates/${id}/${route}`)).toBe(true);
      expect(permitted(matrix, served, ['technical-manager'], 'POST', `/api/certificates/certificates/${id}/${route}`)).toBe(true);
      expect(permitted(matrix, served, ['checker'], 'POST', `/api/certificates/certificates/${id}/${route}`)).toBe(false);
      expect(permitted(matrix, served, ['regulator'], 'POST', `/api/certificates/certificates/${id}/${route}`)).toBe(false);
    }
  });

  it('R-6.2.5 the return of an item is the clerk’s, although a calibrator writes to intake items (adjustments)', () => {
    expect(permitted(matrix, served, ['intake-clerk'], 'POST', `/api/intake/items/${id}/return`)).toBe(true);
    expect(allowed(matrix, ['calibrator'], 'POST', `/api/intake/items/${id}/return`)).toBe(false); // the edge's own row for returns
    expect(permitted(matrix, served, ['calibrator'], 'POST', `/api/intake/items/${id}/return`)).toBe(false);
    expect(permitted(matrix, served, ['calibrator'], 'POST', `/api/intake/items/${id}/intake`)).toBe(false);
  });

  it('hides a button the matrix lets through when the service narrows the route: a technical manager may write raw records but only a checker approves', () => {
    const approve = `/api/records/raw-records/${id}/approve`;
    const narrowedAway = Roles.filter((role) => role !== 'checker' && allowed(matrix, [role], 'POST', approve));
    expect(narrowedAway.length).toBeGreaterThan(0);
    for (const role of narrowedAway) expect({ role, offered: permitted(matrix, served, [role], 'POST', approve) }).toEqual({ role, offered: false });
    expect(permitted(matrix, served, ['checker'], 'POST', approve)).toBe(true);
  });

  it('leaves every other route to the matrix', () => {
    expect(serviceAllows(served, ['checker'], 'PATCH', `/api/certificates/certificates/${id}`)).toBe(true);
    expect(serviceAllows(served, ['checker'], 'GET', `/api/certificates/certificates/${id}`)).toBe(true);
    expect(serviceAllows(served, ['checker'], 'GET', `/api/certificates/certificates/${id}/sign`)).toBe(true); // another method
    expect(serviceAllows(served, [], 'GET', '/not-api')).toBe(true);
  });

  it('judges a path by its most specific rule, as the service routes it', () => {
    const withLiteral: ServiceRoles = {
      rules: [
        { method: 'GET', service: 'quality', path: 'complaints/:id', roles: ['quality-supervisor'] },
        { method: 'GET', service: 'quality', path: 'complaints/statistics', roles: [...Roles] },
      ],
      unavailable: [],
    };
    expect(serviceAllows(withLiteral, ['checker'], 'GET', '/api/quality/complaints/statistics')).toBe(true);
    expect(serviceAllows(withLiteral, ['checker'], 'GET', `/api/quality/complaints/${id}`)).toBe(false);
    expect(serviceAllows(withLiteral, ['quality-supervisor'], 'GET', `/api/quality/complaints/${id}?x=1`)).toBe(true);
  });

  it('offers nothing of a service whose rules are unavailable or not yet known, but the other services and public routes stay', () => {
    const certificatesMissing: ServiceRoles = { rules: served.rules.filter((r) => r.service !== 'certificates'), unavailable: ['certificates'] };
    expect(permitted(matrix, certificatesMissing, ['authorised-signatory'], 'POST', `/api/certificates/certificates/${id}/sign`)).toBe(false);
    expect(permitted(matrix, certificatesMissing, ['authorised-signatory'], 'GET', '/api/certificates/certificates')).toBe(false);
    expect(permitted(matrix, certificatesMissing, ['intake-clerk'], 'POST', `/api/intake/items/${id}/return`)).toBe(true);
    expect(permitted(matrix, certificatesMissing, [], 'GET', '/api/certificates/public/certificates/lab/HD-1')).toBe(true);
    expect(permitted(matrix, undefined, ['intake-clerk'], 'POST', `/api/intake/items/${id}/return`)).toBe(false);
    expect(permitted(matrix, undefined, [], 'GET', '/api/certificates/public/certificates/lab/HD-1')).toBe(true);
  });
});

describe('the session asks for the services’ rules again while one is unavailable', () => {
  const sign = '/api/certificates/certificates/00000000-0000-4000-8000-000000000000/sign';
  function Probe() {
    const session = useSession();
    return <p>{session.loading ? 'loading' : session.can('POST', sign) ? 'sign offered' : 'sign hidden'}</p>;
  }

  afterEach(() => jest.useRealTimers());

  it('hides the certificates buttons while its rules are missing, shows them once the service answered, then stops asking', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    sessionStorage.setItem('calchain.token', 'token');
    let certificatesUp = false;
    const calls = answerFetch({
      '/identity/me': { body: { user: 'u-1', displayName: null, institution: 'lab-east', institutionName: null, network: 'net', site: null, roles: ['authorised-signatory'], via: 'oidc' } },
      '/console-api/permissions': { body: permissionMatrix },
      '/console-api/service-roles': () => ({ body: certificatesUp ? served : { rules: served.rules.filter((r) => r.service !== 'certificates'), unavailable: ['certificates'] } }),
    });
    const asked = () => calls.filter((c) => c.path === '/console-api/service-roles').length;
    renderAt('/', '/', <Probe />, { session: true });
    expect(await screen.findByText('sign hidden')).toBeInTheDocument();
    expect(asked()).toBe(1);

    certificatesUp = true;
    await act(() => jest.advanceTimersByTimeAsync(10_000));
    expect(await screen.findByText('sign offered')).toBeInTheDocument();
    expect(asked()).toBe(2);

    await act(() => jest.advanceTimersByTimeAsync(60_000));
    expect(asked()).toBe(2);
  });
});
