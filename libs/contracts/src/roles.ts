/** Roles of the architecture brief ("Cross-cutting"), as they appear in access tokens. */
export const Roles = [
  'intake-clerk',
  'calibrator',
  'checker',
  'authorised-signatory',
  'quality-supervisor',
  'standard-responsible',
  'technical-manager',
  'administrator',
  'customer',
  'regulator',
] as const;

export type Role = (typeof Roles)[number];
