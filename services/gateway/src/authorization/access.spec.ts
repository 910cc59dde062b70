import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Roles } from '@calchain/contracts';
import { decideAccess, findRule } from './access';
import { permissionMatrix, RouteRule } from './permission-matrix';
import { renderPermissionMatrix } from './render-matrix';

const matrix: RouteRule[] = [
  { service: 'quality', path: 'complaints', read: ['quality-supervisor'], write: ['quality-supervisor', 'intake-clerk'] },
  { service: 'quality', path: 'complaints/statistics', read: ['regulator'], write: [] },
  { service: 'quality', path: 'items/:id/counts', read: ['regulator'], write: [] },
];

describe('permission matrix decisions', () => {
  it('picks the most specific rule, matching :params as one segment', () => {
    expect(findRule(matrix, 'quality', '/complaints/statistics?year=2026')?.path).toBe('complaints/statistics');
    expect(findRule(matrix, 'quality', '/complaints/c-1')?.path).toBe('complaints');
    expect(findRule(matrix, 'quality', '/items/i-1/counts')?.path).toBe('items/:id/counts');
    expect(findRule(matrix, 'quality', '/items')).toBeUndefined();
    expect(findRule(matrix, 'intake', '/complaints')).toBeUndefined();
  });

  it('reads are GET and HEAD; every other method is a write', () => {
    expect(decideAccess(matrix, 'quality', '/complaints', 'GET', ['intake-clerk'])).toMatchObject({ allowed: false, reason: 'role' });
    expect(decideAccess(matrix, 'quality', '/complaints', 'POST', ['intake-clerk'])).toMatchObject({ allowed: true });
    expect(decideAccess(matrix, 'quality', '/complaints/statistics', 'DELETE', ['regulator'])).toMatchObject({ allowed: false });
    expect(decideAccess(matrix, 'quality', '/nothing', 'GET', ['administrator'])).toEqual({ allowed: false, reason: 'no-route' });
  });

  it('the real matrix never lets a regulator write, and lists every role it names', () => {
    for (const rule of permissionMatrix) {
      expect([rule.path, rule.write.includes('regulator')]).toEqual([rule.path, false]);
      for (const role of [...rule.read, ...rule.write]) expect(Roles).toContain(role);
    }
  });

  it('the real matrix has one rule per route', () => {
    const keys = permissionMatrix.map((r) => `${r.service}/${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('services/gateway/PERMISSIONS.md is the rendered matrix', () => {
    const documented = readFileSync(join(__dirname, '..', '..', 'PERMISSIONS.md'), 'utf8');
    expect(documented).toBe(renderPermissionMatrix(permissionMatrix));
  });
});
