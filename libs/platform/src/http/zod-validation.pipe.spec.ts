import { z } from 'zod';
import { ProblemException } from './problem';
import { ZodValidationPipe } from './zod-validation.pipe';

const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as ProblemException).problem;
  }
  throw new Error('expected a validation problem');
};

describe('ZodValidationPipe', () => {
  it('refuses U+0000 anywhere in a body, naming each field, before the schema runs (PostgreSQL cannot store it)', () => {
    const pipe = new ZodValidationPipe(z.object({ name: z.string(), items: z.array(z.object({ note: z.string() })) }));
    const problem = problemOf(() => pipe.transform({ name: 'a\u0000b', items: [{ note: 'ok' }, { note: '\u0000' }], extra: { ['k\u0000']: 1 } }, { type: 'body' }));
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => [e.field, e.rule])).toEqual([
      ['name', 'no-nul-character'],
      ['items.1.note', 'no-nul-character'],
      ['extra.k\\u0000', 'no-nul-character'],
    ]);
  });

  it('names a path parameter or query parameter by its name', () => {
    expect(problemOf(() => new ZodValidationPipe(z.uuid()).transform('x\u0000', { type: 'param', data: 'id' })).errors).toEqual([
      expect.objectContaining({ field: 'id', rule: 'no-nul-character' }),
    ]);
    expect(problemOf(() => new ZodValidationPipe(z.uuid()).transform('nope', { type: 'param', data: 'id' })).errors).toEqual([
      expect.objectContaining({ field: 'id', rule: 'invalid_format' }),
    ]);
    expect(problemOf(() => new ZodValidationPipe(z.object({ q: z.string() })).transform({ q: '\u0000' }, { type: 'query' })).errors?.[0].field).toBe('q');
  });

  it('walks deeply nested input without recursion', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(problemOf(() => new ZodValidationPipe(z.unknown()).transform(deep)).errors?.[0].rule).toBe('no-nul-character');
  });

  it('passes clean input to the schema unchanged', () => {
    expect(new ZodValidationPipe(z.object({ a: z.string().trim() })).transform({ a: ' x ' }, { type: 'body' })).toEqual({ a: 'x' });
  });
});
