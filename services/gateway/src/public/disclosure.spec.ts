import { disclosureReviewOverdue, institutionDisclosure } from './disclosure';

describe('R-4.4 public disclosure', () => {
  it('raises the overdue-review alarm after a year, or when never reviewed', () => {
    expect(disclosureReviewOverdue('2026-01-01', '2026-11-26')).toBe(false);
    expect(disclosureReviewOverdue('2025-11-01', '2026-11-26')).toBe(true);
    expect(disclosureReviewOverdue(null, '2026-11-26')).toBe(true);
  });

  it('shows only the public fields of the registry entry', () => {
    const shown = institutionDisclosure(
      {
        id: 'lab-a', network: 'net-secret', name: 'Lab A', legalStatus: 'legal-entity', authorisingEntity: null,
        responsiblePersons: [{ name: 'A', function: 'director', phone: '555' } as never], registrationNumber: 'R1',
        serviceFlow: 'flow', serviceCommitments: 'promise', disclosureReviewedOn: '2026-10-01',
        sites: [{ id: 'site-secret', name: 'Main', address: 'Street 1' }],
      },
      '2026-11-26',
    );
    expect(JSON.stringify(shown)).not.toMatch(/net-secret|site-secret|555/);
    expect(shown).toMatchObject({ reviewOverdue: false, responsiblePersons: [{ name: 'A', function: 'director' }], sites: [{ name: 'Main', address: 'Street 1' }] });
  });
});
