import { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { FieldProblem, ProblemException } from './problem';

/** Parses a body, query or param with a zod schema; a failure names every field and rule. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw ProblemException.validation(zodProblems(parsed.error));
  }
}

export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.join('.') || '(body)',
    rule: issue.code,
    message: issue.message,
  }));
}
