import { Membership, resolveTenant } from './membership';

const networks = new Map([['net', ['lab-a', 'lab-b']]]);
const atA: Membership = { network: 'net', institution: 'lab-a', site: 'a-main', roles: ['calibrator'] };

describe('R-4.1.1 resolving the institution a request acts for', () => {
  it('takes the only membership when none is named, with its site and network', () => {
    expect(resolveTenant([atA], networks, [], undefined)).toEqual({ ok: true, value: { tenant: 'lab-a', network: 'net', site: 'a-main', roles: ['calibrator'] } });
  });

  it('refuses an institution the user does not belong to: a request cannot bring its own tenant', () => {
    expect(resolveTenant([atA], networks, [], 'lab-b')).toMatchObject({ ok: false, status: 403, field: 'x-calchain-institution', rule: 'membership' });
  });

  it('lets a network-level member act in any institution of the network, but asks which', () => {
    const networkAdmin: Membership = { network: 'net', institution: null, site: null, roles: ['administrator'] };
    expect(resolveTenant([networkAdmin], networks, [], undefined)).toMatchObject({ ok: false, status: 400, rule: 'required' });
    expect(resolveTenant([networkAdmin], networks, [], 'lab-b')).toEqual({ ok: true, value: { tenant: 'lab-b', network: 'net', roles: ['administrator'] } });
    expect(resolveTenant([networkAdmin], networks, [], 'lab-z')).toMatchObject({ ok: false, status: 403 });
  });

  it('merges roles of two memberships at one institution', () => {
    const second: Membership = { network: 'net', institution: 'lab-a', site: null, roles: ['checker'] };
    const resolved = resolveTenant([atA, second], networks, [], 'lab-a');
    expect(resolved.ok && resolved.value.roles.sort()).toEqual(['calibrator', 'checker']);
  });

  it('gives a regulator only the regulator role, only in its jurisdiction, even where it is also staff', () => {
    const jurisdiction = [{ institution: 'lab-a', network: 'net' }];
    expect(resolveTenant([atA], networks, jurisdiction, 'lab-a')).toEqual({ ok: true, value: { tenant: 'lab-a', network: 'net', roles: ['regulator'] } });
    expect(resolveTenant([], networks, jurisdiction, 'lab-b')).toMatchObject({ ok: false, status: 403 });
  });

  it('issue 9 forwards the customer id of a customer membership, and none for staff', () => {
    const customer: Membership = { network: 'net', institution: 'lab-a', site: null, roles: ['customer'], customerId: 'c-1' };
    expect(resolveTenant([customer], networks, [], undefined)).toEqual({ ok: true, value: { tenant: 'lab-a', network: 'net', roles: ['customer'], customerId: 'c-1' } });
    const staffWithStrayId: Membership = { ...atA, customerId: 'c-2' };
    expect(resolveTenant([staffWithStrayId], networks, [], undefined)).toEqual({ ok: true, value: { tenant: 'lab-a', network: 'net', site: 'a-main', roles: ['calibrator'] } });
  });

  it('refuses a user without any membership', () => {
    expect(resolveTenant([], networks, [], undefined)).toMatchObject({ ok: false, status: 403, field: 'sub' });
  });
});
