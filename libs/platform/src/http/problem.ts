import { HttpStatus } from '@nestjs/common';

/** One invalid field: which field, which rule, and the clause behind the rule where there is one. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
  requirement?: string;
}

/** RFC 9457 problem details, the one error model of every service. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requirement?: string;
  errors?: FieldProblem[];
}

const PROBLEM_BASE = 'https://calchain.dev/problems/';

/** Thrown by use cases and pipes; rendered as application/problem+json by ProblemFilter. */
export class ProblemException extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }

  static validation(errors: FieldProblem[], detail = 'The request is not valid.'): ProblemException {
    return new ProblemException({ type: `${PROBLEM_BASE}validation`, title: 'Invalid request', status: HttpStatus.BAD_REQUEST, detail, errors });
  }

  static notFound(what: string, id: string): ProblemException {
    return new ProblemException({ type: `${PROBLEM_BASE}not-found`, title: `${what} not found`, status: HttpStatus.NOT_FOUND, detail: `${what} ${id} does not exist or is not visible to you.` });
  }

  /** A rule of the standard forbids the action: 422 naming the requirement. */
  static ruleViolation(requirement: string, detail: string, field?: string, rule = 'business-rule'): ProblemException {
    return new ProblemException({
      type: `${PROBLEM_BASE}rule-violation`,
      title: 'The action breaks a rule of the standard',
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      detail,
      requirement,
      errors: field ? [{ field, rule, message: detail, requirement }] : undefined,
    });
  }

  static conflict(detail: string): ProblemException {
    return new ProblemException({ type: `${PROBLEM_BASE}conflict`, title: 'Conflict', status: HttpStatus.CONFLICT, detail });
  }
}

export const problemTypeBase = PROBLEM_BASE;
