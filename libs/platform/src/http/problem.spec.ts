import { NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { ProblemException } from './problem';
import { addDays } from '../calendar/lab-calendar';
import { toProblem } from './problem.filter';
import { ZodValidationPipe } from './zod-validation.pipe';

describe('problem details', () => {
  it('names every invalid field and the rule it broke', () => {
    const pipe = new ZodValidationPipe(z.object({ a: z.string(), items: z.array(z.number()).min(1) }));
    try {
      pipe.transform({ items: [] });
      throw new Error('expected a validation problem');
    } catch (error) {
      const problem = (error as ProblemException).problem;
      expect(problem.status).toBe(400);
      expect(problem.errors?.map((e) => [e.field, e.rule])).toEqual([
        ['a', 'invalid_type'],
        ['items', 'too_small'],
      ]);
    }
  });

  it('carries the requirement ID of a rule violation', () => {
    const problem = toProblem(ProblemException.ruleViolation('R-6.1.3', 'deviation awaiting customer consent', 'items.0'));
    expect(problem).toMatchObject({ status: 422, requirement: 'R-6.1.3', errors: [{ field: 'items.0', requirement: 'R-6.1.3' }] });
  });

  it('maps Nest HTTP errors and unique violations, and hides internals of anything else', () => {
    expect(toProblem(new NotFoundException()).status).toBe(404);
    expect(toProblem({ driverError: { code: '23505' } }).status).toBe(409);
    const internal = toProblem(new Error('password=hunter2 at db.ts:42'));
    expect(internal.status).toBe(500);
    expect(JSON.stringify(internal)).not.toMatch(/hunter2|db\.ts/);
  });

  it('answers 503 (retry, nothing changed) while the database is unreachable or asks for a retry, never 500', () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      { driverError: { code: '57P01', message: 'terminating connection due to administrator command' } },
      { driverError: { code: '08006' } },
      { driverError: { code: '40001' } },
      new Error('Connection terminated unexpectedly'),
    ]) {
      expect(toProblem(error)).toMatchObject({ status: 503, title: 'Temporarily unavailable' });
    }
    expect(toProblem({ driverError: { code: '22P02' } }).status).toBe(500);
    expect(toProblem({ driverError: { code: '23505' } }).status).toBe(409);
  });

  it("answers the body parser's refusals with their own 4xx, naming the body and the rule, never 500", () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, statusCode: 413, expose: true, type: 'entity.too.large', limit: 102400 });
    expect(toProblem(tooLarge)).toMatchObject({ status: 413, errors: [{ field: '(body)', rule: 'entity.too.large', message: 'the body must not exceed 102400 bytes' }] });
    const notJson = Object.assign(new SyntaxError('Unexpected token'), { status: 400, expose: true, type: 'entity.parse.failed' });
    expect(toProblem(notJson)).toMatchObject({ status: 400, errors: [{ field: '(body)', rule: 'entity.parse.failed' }] });
    expect(toProblem(Object.assign(new Error('x'), { status: 500, expose: false })).status).toBe(500);
  });

  it('answers date arithmetic that leaves year 9999 with 422 calendar-range, never 500', () => {
    let thrown: unknown;
    try {
      addDays('9999-12-30', 10);
    } catch (error) {
      thrown = error;
    }
    expect(toProblem(thrown)).toMatchObject({ status: 422, type: expect.stringMatching(/calendar-range$/), errors: [{ field: '(date)', rule: 'calendar-range' }] });
  });
});
