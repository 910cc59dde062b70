/** A rule of the standard the action breaks: which field, which rule, which clause. */
export interface Violation {
  requirement: string;
  field: string;
  rule: string;
  message: string;
}

export const violation = (requirement: string, field: string, rule: string, message: string): Violation => ({ requirement, field, rule, message });
