import { InstitutionSchema } from './registry-seed';

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
