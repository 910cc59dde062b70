import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { FieldProblem, ProblemException } from './problem';

/** Parses a body, query or param with a zod schema; a failure names every field and rule. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  /**
   * `schema` is public so that the OpenAPI document is generated from the very schema that
   * validates. `requirement` names the clause behind the whole input (e.g. for the public
   * complaint form) on every field problem.
   */
  constructor(
    readonly schema: S,
    private readonly options: { requirement?: string } = {},
  ) {}

  transform(value: unknown, metadata?: ArgumentMetadata): z.infer<S> {
    const root = rootName(metadata);
    // PostgreSQL cannot hold U+0000 in text or jsonb: a NUL that got past the DTO would fail in the
    // database as a 500 (found by schemathesis, issue 11). Refusing it here covers every DTO at once.
    const nul = nulFields(value, root);
    if (nul.length) throw this.refuse(nul);
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw this.refuse(zodProblems(parsed.error, root));
  }

  private refuse(problems: FieldProblem[]): ProblemException {
    const { requirement } = this.options;
    return ProblemException.validation(requirement ? problems.map((p) => ({ ...p, requirement })) : problems);
  }
}

export function zodProblems(error: z.ZodError, root = '(body)'): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.join('.') || root,
    rule: issue.code,
    message: issue.message,
  }));
}

const rootName = (metadata?: ArgumentMetadata) => (metadata?.type === 'param' || metadata?.type === 'query') && metadata.data ? metadata.data : metadata?.type === 'query' ? '(query)' : '(body)';

const NUL = '\u0000';
const MAX_REPORTED = 20;

/**
 * Every string or object key holding U+0000, as a field problem. Walked with an explicit stack:
 * a body is nested as deep as the sender likes, and recursion would overflow on it.
 */
export function nulFields(value: unknown, root = '(body)'): FieldProblem[] {
  const found: FieldProblem[] = [];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length && found.length < MAX_REPORTED) {
    const [current, path] = stack.pop()!;
    const field = path || root;
    if (typeof current === 'string') {
      if (current.includes(NUL)) found.push({ field, rule: 'no-nul-character', message: 'must not contain the NUL character (U+0000)' });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], path ? `${path}.${i}` : String(i)]);
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const childPath = path ? `${path}.${key}` : key;
        if (key.includes(NUL)) found.push({ field: childPath.replaceAll(NUL, '\\u0000'), rule: 'no-nul-character', message: 'a field name must not contain the NUL character (U+0000)' });
        else stack.push([child, childPath]);
      }
    }
  }
  return found;
}
