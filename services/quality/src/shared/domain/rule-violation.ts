/**
 * A rule of the standard forbids what was asked. Thrown by the pure domain functions (which know
 * nothing of HTTP) and turned into a problem+json 422 naming the field, rule and requirement.
 */
export class RuleViolation extends Error {
  constructor(
    readonly requirement: string,
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuleViolation';
  }
}

export function violation(requirement: string, field: string, rule: string, message: string): never {
  throw new RuleViolation(requirement, field, rule, message);
}
