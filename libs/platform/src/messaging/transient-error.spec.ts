import { isTransientError } from './transient-error';

describe('isTransientError', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['admin shutdown wrapped by TypeORM', { message: 'query failed', driverError: { code: '57P01' } }],
    ['connection class 08', { code: '08006' }],
    ['serialisation failure', { code: '40001' }],
    ['terminated connection', new Error('Connection terminated unexpectedly')],
  ])('treats %s as transient', (_label, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', { code: '23505' }],
    ['a plain bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('treats %s as permanent', (_label, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
