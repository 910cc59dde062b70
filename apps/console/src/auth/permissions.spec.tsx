import { Roles } from '../../../../libs/contracts/src/roles';
import { decideAccess } from '../../../../services/gateway/src/authorization/access';
import { permissionMatrix } from '../../../../services/gateway/src/authorization/permission-matrix';
import { allowed, permitted, RouteRule, serviceAllows } from './permissions';

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

describe('console hides what a service refuses below the matrix (its own @RequireRoles)', () => {
  const matrix = permissionMatrix.map(({ service, path, read, write }) => ({ service, path, read: [...read], write: [...write] })) as RouteRule[];
  const id = '00000000-0000-4000-8000-000000000000';

  it('R-6.4.5 only a signatory signs; supplements and reissues are for signatories and the technical manager (R-6.4.4)', () => {
    expect(permitted(matrix, ['authorised-signatory'], 'POST', `/api/certificates/certificates/${id}/sign`)).toBe(true);
    expect(allowed(matrix, ['checker'], 'POST', `/api/certificates/certificates/${id}/sign`)).toBe(false); // the edge refuses it …
    expect(permitted(matrix, ['checker'], 'POST', `/api/certificates/certificates/${id}/sign`)).toBe(false); // … and so does the service
    expect(permitted(matrix, ['technical-manager'], 'POST', `/api/certificates/certificates/${id}/sign`)).toBe(false);
    for (const route of ['supplements', 'reissue']) {
      expect(permitted(matrix, ['authorised-signatory'], 'POST', `/api/certificates/certificates/${id}/${route}`)).toBe(true);
      expect(permitted(matrix, ['technical-manager'], 'POST', `/api/certificates/certificates/${id}/${route}`)).toBe(true);
      expect(permitted(matrix, ['checker'], 'POST', `/api/certificates/certificates/${id}/${route}`)).toBe(false);
      expect(permitted(matrix, ['regulator'], 'POST', `/api/certificates/certificates/${id}/${route}`)).toBe(false);
    }
  });

  it('R-6.2.5 the return of an item is the clerk’s, although a calibrator writes to intake items (adjustments)', () => {
    expect(permitted(matrix, ['intake-clerk'], 'POST', `/api/intake/items/${id}/return`)).toBe(true);
    expect(allowed(matrix, ['calibrator'], 'POST', `/api/intake/items/${id}/return`)).toBe(false); // the edge's own row for returns
    expect(permitted(matrix, ['calibrator'], 'POST', `/api/intake/items/${id}/return`)).toBe(false);
    expect(permitted(matrix, ['calibrator'], 'POST', `/api/intake/items/${id}/intake`)).toBe(false);
  });

  it('leaves every other route to the matrix', () => {
    expect(serviceAllows(['checker'], 'PATCH', `/api/certificates/certificates/${id}`)).toBe(true);
    expect(serviceAllows(['checker'], 'GET', `/api/certificates/certificates/${id}`)).toBe(true);
    expect(serviceAllows([], 'GET', '/not-api')).toBe(true);
  });
});
