import { HttpStatus } from '@nestjs/common';
import { ProblemException, problemTypeBase } from '@calchain/platform';
import { RuleViolation } from '../domain/rule-violation';

/**
 * Turns a domain RuleViolation into problem+json 422: every broken rule as `{ field, rule,
 * message, requirement }`, and a detail that starts with the requirement ID
 * (e.g. "R-6.1.3: deviation awaiting customer consent").
 */
export function problemOf(violation: RuleViolation): ProblemException {
  return new ProblemException({
    type: `${problemTypeBase}rule-violation`,
    title: 'The action breaks a rule of the standard',
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: violation.message,
    requirement: violation.requirement,
    errors: violation.broken.map((b) => ({ field: b.field, rule: b.rule, message: `${b.requirement}: ${b.message}`, requirement: b.requirement })),
  });
}

/** Runs a use case, translating rule violations of the domain into problem+json. */
export async function enforcingRules<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RuleViolation) throw problemOf(error);
    throw error;
  }
}

/** 409: the action conflicts with the current state (e.g. done already), still naming field, rule and requirement. */
export function conflictWithRule(requirement: string, field: string, rule: string, message: string): ProblemException {
  return new ProblemException({
    type: `${problemTypeBase}conflict`,
    title: 'Conflict',
    status: HttpStatus.CONFLICT,
    detail: `${requirement}: ${message}`,
    requirement,
    errors: [{ field, rule, message: `${requirement}: ${message}`, requirement }],
  });
}
