import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MetrologyError } from '@calchain/metrology';
import { inTenantTransaction, OutboxRelay, ProblemException } from '@calchain/platform';
import { RuleViolation } from '../domain/rule-violation';

/**
 * One use case = one tenant transaction: state changes and their outbox events commit together
 * (row-level security scoped to the caller's institution); the relay is woken after commit.
 * Domain refusals leave as problem+json naming the field, rule and requirement.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(tenant: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      const result = await inTenantTransaction(this.dataSource, tenant, work);
      this.relay.wake();
      return result;
    } catch (error) {
      throw asProblem(error);
    }
  }

  /** Read-only work: same tenant scope, nothing to relay. */
  async read<T>(tenant: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await inTenantTransaction(this.dataSource, tenant, work);
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
