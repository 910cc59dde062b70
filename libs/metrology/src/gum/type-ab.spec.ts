import { MetrologyError } from '../errors';
import { typeA } from './type-a';
import { typeB } from './type-b';

describe('R-6.3.5 JJF 1059.1 Type A evaluation (§4.3.2)', () => {
  it('gives mean, Bessel s, s/√n and n − 1 dof in decimals', () => {
    expect(typeA(['10.01', '10.03', '10.02'])).toEqual({ mean: '10.02', s: '0.01', u: '0.0057735026918962576451', dof: 2 });
  });

  it('uses a pooled standard deviation with its own dof (§4.3.2.4)', () => {
    expect(typeA(['5.1', '5.3'], { s: '0.2', dof: 30 })).toEqual({ mean: '5.2', s: '0.2', u: '0.14142135623730950488', dof: 30 });
  });

  it('needs at least two readings without a pooled s', () => {
    expect(() => typeA(['1.0'])).toThrow(MetrologyError);
    expect(() => typeA(['1.0', 'x'])).toThrow(/readings\[1\]/);
  });
});

describe('R-6.3.5 JJF 1059.1 Type B evaluation (§4.3.3, table 2)', () => {
  it.each`
    spec                                                           | u
    ${{ halfWidth: '1', dist: 'rectangular' }}                     | ${'0.57735026918962576451'}
    ${{ halfWidth: '1', dist: 'uniform' }}                         | ${'0.57735026918962576451'}
    ${{ halfWidth: '1', dist: 'triangular' }}                      | ${'0.40824829046386301637'}
    ${{ halfWidth: '1', dist: 'arcsine' }}                         | ${'0.7071067811865475244'}
    ${{ halfWidth: '1', dist: 'u-shaped' }}                        | ${'0.7071067811865475244'}
    ${{ halfWidth: '0.045', dist: 'normal', k: '2' }}              | ${'0.0225'}
    ${{ halfWidth: '1', dist: 'trapezoidal', beta: '0' }}          | ${'0.40824829046386301637'}
    ${{ halfWidth: '1', dist: 'trapezoidal', beta: '1' }}          | ${'0.57735026918962576451'}
    ${{ halfWidth: '1', dist: 'trapezoidal', beta: '0.71' }}       | ${'0.50068286702595819235'}
  `('$spec.dist: u = $u', ({ spec, u }) => {
    expect(typeB(spec)).toBe(u);
  });

  it('needs k for a normal and beta for a trapezoid, and knows no other shapes', () => {
    expect(() => typeB({ halfWidth: '1', dist: 'normal' })).toThrow(/k/);
    expect(() => typeB({ halfWidth: '1', dist: 'trapezoidal' })).toThrow(/beta/);
    expect(() => typeB({ halfWidth: '1', dist: 'trapezoidal', beta: '1.5' })).toThrow(/beta/);
    expect(() => typeB({ halfWidth: '1', dist: 'gaussian' as never })).toThrow(/dist must be/);
  });
});
