import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MetrologyError } from '@calchain/metrology';
import { ProblemException, TenantTransactions } from '@calchain/platform';
import { RuleViolation } from '../domain/rule-violation';

/**
 * The platform's tenant transaction, with domain refusals leaving as problem+json naming the
 * field, rule and requirement.
 */
@Injectable()
export class UnitOfWork extends TenantTransactions {
  override async run<T>(tenant: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await super.run(tenant, work);
    } catch (error) {
      throw asProblem(error);
    }
  }

  override async read<T>(tenant: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await super.read(tenant, work);
    } catch (error) {
      throw asProblem(error);
    }
  }
}

export function asProblem(error: unknown): unknown {
  if (error instanceof RuleViolation) {
    return ProblemException.ruleViolation(error.requirement, error.message, error.field, error.rule);
  }
  if (error instanceof MetrologyError) {
    return ProblemException.validation([{ field: '(body)', rule: 'metrology', message: error.message }]);
  }
  return error;
}
