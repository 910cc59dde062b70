import { DEFAULT_COMPLAINT_FLOW, publishedFlow, usableChannels } from './complaint-policy';

const none = { phone: null, email: null, postalAddress: null };

describe('published complaint channels and flow (R-8.3.1)', () => {
  it('always offers the web form and a visit; nothing that needs a number or address not published', () => {
    expect(usableChannels(none)).toEqual(['web-form', 'in-person']);
  });

  it('offers telephone, letter and e-mail each only with its number or address, in the usual order', () => {
    expect(usableChannels({ ...none, phone: '+86 21 6432 1000' })).toEqual(['web-form', 'phone', 'in-person']);
    expect(usableChannels({ ...none, email: 'complaints@example.cn' })).toEqual(['web-form', 'email', 'in-person']);
    expect(usableChannels({ ...none, postalAddress: '1 Metrology Road, Shanghai' })).toEqual(['web-form', 'mail', 'in-person']);
    expect(usableChannels({ phone: '021-1234 5678', email: 'c@example.cn', postalAddress: '1 Metrology Road' })).toEqual(['web-form', 'phone', 'mail', 'email', 'in-person']);
  });

  it('publishes the default flow as codes until the institution writes its own', () => {
    expect(publishedFlow(null)).toEqual({ flow: [...DEFAULT_COMPLAINT_FLOW], flowKind: 'default-codes' });
    expect(publishedFlow([])).toEqual({ flow: [...DEFAULT_COMPLAINT_FLOW], flowKind: 'default-codes' });
    expect(publishedFlow(['登记', '答复'])).toEqual({ flow: ['登记', '答复'], flowKind: 'institution-text' });
  });

  it('the default flow is the way the complaint rules run: receipt first, extension before the answer, archive last', () => {
    expect(DEFAULT_COMPLAINT_FLOW[0]).toBe('received');
    expect(DEFAULT_COMPLAINT_FLOW.indexOf('extension-agreed-in-advance')).toBeLessThan(DEFAULT_COMPLAINT_FLOW.indexOf('answered'));
    expect(DEFAULT_COMPLAINT_FLOW.at(-1)).toBe('closed-archived');
  });
});
