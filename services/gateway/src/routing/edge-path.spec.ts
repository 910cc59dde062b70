import { edgePath } from './edge-path';

describe('the path the matrix judges is the path the service gets', () => {
  it('keeps an ordinary path and its query', () => {
    expect(edgePath('/api/intake/work-orders/1?x=1', 'intake')).toEqual({ path: '/work-orders/1', search: '?x=1' });
  });

  it('resolves dot segments, encoded or not, before the matrix sees them', () => {
    expect(edgePath('/api/quality/documents/%2e%2e/complaints', 'quality')).toEqual({ path: '/complaints', search: '' });
    expect(edgePath('/api/quality/documents/../complaints', 'quality')?.path).toBe('/complaints');
  });

  it('refuses a path that climbs out of its service or hides a slash', () => {
    expect(edgePath('/api/intake/%2e%2e/records/raw-records', 'intake')).toBeUndefined();
    expect(edgePath('/api/intake/work-orders%2F..%2Fcustomers', 'intake')).toBeUndefined();
  });
});
