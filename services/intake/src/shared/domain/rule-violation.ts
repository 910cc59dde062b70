/**
 * A rule of the standard forbids what was asked. Thrown by the pure domain functions (which know
 * nothing of HTTP) and turned into a problem+json 422 naming the field, rule and requirement ID.
 */
export interface BrokenRule {
  requirement: string;
  field: string;
  rule: string;
  message: string;
}

export class RuleViolation extends Error {
  constructor(readonly broken: BrokenRule[]) {
    super(broken.map((b) => `${b.requirement}: ${b.message}`).join('; '));
    this.name = 'RuleViolation';
  }

  get requirement(): string {
    return this.broken[0].requirement;
  }
}

export function violation(requirement: string, field: string, rule: string, message: string): never {
  throw new RuleViolation([{ requirement, field, rule, message }]);
}

/** Collects every broken rule of a command, then refuses it once with all of them. */
export class RuleCheck {
  private readonly broken: BrokenRule[] = [];

  require(condition: boolean, requirement: string, field: string, rule: string, message: string): this {
    if (!condition) this.broken.push({ requirement, field, rule, message });
    return this;
  }

  get ok(): boolean {
    return this.broken.length === 0;
  }

  throwIfBroken(): void {
    if (this.broken.length) throw new RuleViolation([...this.broken]);
  }
}
