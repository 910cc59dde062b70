import { MetrologyError } from '../errors';
import { evaluateNumber } from './evaluate';
import { parseModel } from './parse';

const value = (source: string, names: string[] = [], x: number[] = []): number => evaluateNumber(parseModel(source, names), x);

// The measurement model y = f(x₁…xₙ) of JJF 1059.1 §4.1, as text.
describe('R-6.3.5 model expressions', () => {
  it('reads the GUM H.1 end-gauge model', () => {
    const names = ['lS', 'd', 'dAlpha', 'theta', 'alphaS', 'dTheta'];
    const model = parseModel('lS + d - lS*(dAlpha*theta + alphaS*dTheta)', names);
    expect(evaluateNumber(model, [50, 0.0002, 1e-6, -0.1, 1.15e-5, 0.02])).toBeCloseTo(50 + 0.0002 - 50 * (-1e-7 + 2.3e-7), 15);
  });

  it('follows mathematical precedence: ^ above unary minus, right-associative, then * / then + -', () => {
    expect(value('-2^2')).toBe(-4);
    expect(value('2^3^2')).toBe(512);
    expect(value('2**-1')).toBe(0.5);
    expect(value('1 - 2 - 3')).toBe(-4);
    expect(value('8 / 4 / 2')).toBe(1);
    expect(value('2 + 3 * 4')).toBe(14);
    expect(value('(2 + 3) * 4')).toBe(20);
    expect(value('- -3')).toBe(3);
    expect(value('1.5e-3 * 2E3')).toBeCloseTo(3, 14);
  });

  it('knows pi and the usual functions, with log and ln both natural', () => {
    expect(value('sin(pi/2) + cos(0) + log(exp(2)) + ln(1) + log10(1000)')).toBeCloseTo(1 + 1 + 2 + 0 + 3, 14);
    expect(value('sqrt(16) + abs(-3) + pow(2, 10) + atan2(1, 1)')).toBeCloseTo(4 + 3 + 1024 + Math.PI / 4, 12);
  });

  it('lets an input named like a constant shadow it, and accepts Unicode names', () => {
    expect(value('pi * 2', ['pi'], [3])).toBe(6);
    expect(value('δθ + α_S', ['δθ', 'α_S'], [1, 2])).toBe(3);
  });

  it.each`
    source         | message
    ${'x + y'}     | ${/"y" at column 5 is not one of the inputs/}
    ${'2x'}        | ${/unexpected "x"/}
    ${'foo(x)'}    | ${/unknown function "foo"/}
    ${'pow(x)'}    | ${/pow takes 2 argument/}
    ${'(x + 1'}    | ${/expected "\)"/}
    ${'x +'}       | ${/unexpected "end of model"/}
    ${'x $ 1'}     | ${/unexpected character "\$"/}
    ${''}          | ${/non-empty/}
    ${'x; exit()'} | ${/unexpected character ";"/}
  `('refuses "$source" with a message that says where', ({ source, message }) => {
    expect(() => parseModel(source, ['x'])).toThrow(MetrologyError);
    expect(() => parseModel(source, ['x'])).toThrow(message);
  });

  it('refuses duplicate input names', () => {
    expect(() => parseModel('x', ['x', 'x'])).toThrow(/twice/);
  });
});
