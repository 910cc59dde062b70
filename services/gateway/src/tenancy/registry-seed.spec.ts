import { InstitutionSchema, RegistrySeedSchema } from './registry-seed';

const institution = {
  id: 'lab-a',
  name: 'Lab A',
  legalStatus: 'legal-entity',
  responsiblePersons: [{ name: 'A', function: 'director' }],
};

describe('R-4.1.1 institution registry entries', () => {
  it('accepts a legal entity with a responsible person', () => {
    expect(InstitutionSchema.safeParse(institution).success).toBe(true);
  });

  it('requires the authorising entity of an institution authorised by a legal entity', () => {
    const result = InstitutionSchema.safeParse({ ...institution, legalStatus: 'authorised-by-legal-entity' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['authorisingEntity']);
  });

  it('requires at least one responsible person and a known legal status', () => {
    expect(InstitutionSchema.safeParse({ ...institution, responsiblePersons: [] }).error?.issues[0]?.path).toEqual(['responsiblePersons']);
    expect(InstitutionSchema.safeParse({ ...institution, legalStatus: 'club' }).error?.issues[0]?.path).toEqual(['legalStatus']);
  });
});

describe('issue 9 customer memberships', () => {
  const user = (membership: Record<string, unknown>) => ({ id: 'u-1', issuer: 'i', subject: 's', displayName: 'U', memberships: [{ network: 'net', ...membership }] });
  const parse = (membership: Record<string, unknown>) => RegistrySeedSchema.shape.users.element.safeParse(user(membership));

  it('links a customer membership at one institution to an intake customer id', () => {
    expect(parse({ institution: 'lab-a', roles: ['customer'], customerId: 'c-1' }).success).toBe(true);
  });

  it('refuses a customer id on a staff membership or on a network-wide one, naming the field', () => {
    expect(parse({ institution: 'lab-a', roles: ['calibrator'], customerId: 'c-1' }).error?.issues[0]?.path).toEqual(['memberships', 0, 'customerId']);
    expect(parse({ roles: ['customer'], customerId: 'c-1' }).error?.issues[0]?.path).toEqual(['memberships', 0, 'customerId']);
  });
});
