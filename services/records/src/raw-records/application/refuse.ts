import { HttpStatus } from '@nestjs/common';
import { ProblemException, problemTypeBase } from '@calchain/platform';
import { Violation } from '../domain/rules';

/** 422 naming every broken rule with its field and clause (problem+json, R-ids in `errors[]`). */
export function refuse(violations: readonly Violation[]): ProblemException {
  return new ProblemException({
    type: `${problemTypeBase}rule-violation`,
    title: 'The action breaks a rule of the standard',
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: violations.map((v) => v.message).join('; '),
    requirement: violations[0]?.requirement,
    errors: violations.map((v) => ({ field: v.field, rule: v.rule, message: v.message, requirement: v.requirement })),
  });
}

export function refuseIfAny(violations: readonly Violation[]): void {
  if (violations.length > 0) throw refuse(violations);
}
